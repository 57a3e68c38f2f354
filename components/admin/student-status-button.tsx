"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { SubmitButton } from "@/components/ui/form";

/** `toggle` deactivates an active student and reactivates an inactive one. */
export function StudentStatusButton({
  studentId,
  name,
  active,
  toggle,
}: {
  studentId: string;
  name: string;
  active: boolean;
  toggle: FormAction;
}) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(toggle, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (active && !confirm(t("statusButton.confirmDeactivate", { name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="studentId" value={studentId} />
      <SubmitButton variant={active ? "danger" : "secondary"} pendingLabel={t("statusButton.saving")}>
        {active ? t("statusButton.deactivate") : t("statusButton.reactivate")}
      </SubmitButton>
      {state.status === "error" ? (
        <p role="alert" className="text-xs text-red-600">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
