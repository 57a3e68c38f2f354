"use client";
import { useActionState } from "react";
import { deactivateStudentAction, reactivateStudentAction } from "@/app/admin/students/actions";
import { idleState } from "@/lib/actions/form-state";
import { SubmitButton } from "@/components/ui/form";

export function StudentStatusButton({ studentId, name, active }: { studentId: string; name: string; active: boolean }) {
  const [state, action] = useActionState(active ? deactivateStudentAction : reactivateStudentAction, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (active && !confirm(`Deactivate ${name}? Their sessions end immediately.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="studentId" value={studentId} />
      <SubmitButton variant={active ? "danger" : "secondary"} pendingLabel="Saving…">{active ? "Deactivate" : "Reactivate"}</SubmitButton>
      {state.status === "error" ? <p role="alert" className="text-xs text-red-600">{state.message}</p> : null}
    </form>
  );
}
