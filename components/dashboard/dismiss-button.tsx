"use client";
// The dashboard's catalogue is not sent to the browser (lib/i18n/client-messages.ts),
// so the labels come from the server component that renders this button.
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/primitives";
import { type FormAction, idleState } from "@/lib/actions/form-state";

type Labels = { label: string; pendingLabel: string };

export function DismissButton({
  id,
  dismiss,
  describedBy,
  ...labels
}: Labels & {
  id: string;
  dismiss: FormAction;
  /** The announcement's title: every button says "Dismiss", a screen reader also hears which one. */
  describedBy: string;
}) {
  const [state, action] = useActionState(dismiss, idleState);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Submit describedBy={describedBy} {...labels} />
      {state.status === "error" ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function Submit({ label, pendingLabel, describedBy }: Labels & { describedBy: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} aria-describedby={describedBy}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
