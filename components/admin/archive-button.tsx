"use client";
// Archive a student (asks first) or restore an archived one; the outcome is announced.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { SubmitButton } from "@/components/ui/form";

export function ArchiveButton({
  studentId,
  name,
  archived,
  action: toggle,
}: {
  studentId: string;
  name: string;
  archived: boolean;
  action: FormAction;
}) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(toggle, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!archived && !confirm(t("people.confirmArchive", { name }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="name" value={name} />
      <SubmitButton variant="secondary" pendingLabel={t("statusButton.saving")}>
        {archived ? t("people.unarchive") : t("people.archive")}
      </SubmitButton>
      <p role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}
