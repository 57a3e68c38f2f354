"use client";
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { CopyLink } from "@/components/ui/copy-link";
import { LocalTime } from "@/components/ui/local-time";
import { idleState } from "@/lib/actions/form-state";
import { issueResetLinkAction } from "./actions";

export function ResetLinkForm({ studentId, name }: { studentId: string; name: string }) {
  const [state, action] = useActionState(issueResetLinkAction, idleState);
  const issued = state.status === "success" ? state.data : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        If <bdi>{name}</bdi> forgot the password, create a link that lets them choose a new one. Using it signs them out
        everywhere.
      </p>
      <form
        action={action}
        onSubmit={(e) => {
          if (issued && !confirm("Create a new link? The link shown now stops working.")) e.preventDefault();
        }}
      >
        <input type="hidden" name="studentId" value={studentId} />
        <SubmitButton variant="secondary" pendingLabel="Creating…">
          Create a password-reset link
        </SubmitButton>
      </form>
      <FormStatus state={state} />
      {issued ? (
        <>
          <CopyLink url={issued.url} label="Password-reset link" testId="reset-url" />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Expires <LocalTime value={issued.expiresAt} />.
          </p>
        </>
      ) : null}
    </div>
  );
}
