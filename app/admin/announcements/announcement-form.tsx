"use client";
// Write and publish an announcement, with the journal's markdown rendering as a
// live preview (so what the admin sees is what the dashboards show). After a
// publish the fields start empty again, keyed on the new announcement's id.
import { useTranslations } from "next-intl";
import { useActionState, useDeferredValue, useState } from "react";
import { Markdown } from "@/components/content/markdown";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/actions/form-state";
import { publishAnnouncementAction } from "./actions";

export function AnnouncementForm() {
  const [state, action] = useActionState(publishAnnouncementAction, idleState);
  const published = state.status === "success" ? state.data?.id : undefined;
  return (
    <div className="space-y-3">
      <Fields
        key={published ?? "new"}
        action={action}
        title={state.values?.title}
        body={state.values?.body}
        errors={state.fieldErrors}
      />
      <FormStatus state={state} />
    </div>
  );
}

function Fields({
  action,
  title,
  body,
  errors,
}: {
  action: (formData: FormData) => void;
  title: string | undefined;
  body: string | undefined;
  errors: Partial<Record<string, string>> | undefined;
}) {
  const t = useTranslations("admin");
  const [text, setText] = useState(body ?? "");
  // The preview follows typing without slowing it (the journal's editor does the same).
  const preview = useDeferredValue(text);
  const describedBy = ["body-hint", errors?.body ? "body-error" : null].filter(Boolean).join(" ");
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field
        name="title"
        label={t("announcements.form.title")}
        autoComplete="off"
        required
        defaultValue={title}
        error={errors?.title}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="body" className="block text-sm font-medium">
            {t("announcements.form.body")}
          </label>
          <textarea
            id="body"
            name="body"
            rows={10}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={errors?.body ? true : undefined}
            dir="auto"
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950"
          />
          <p id="body-hint" className="text-xs text-slate-600 dark:text-slate-400">
            {t("announcements.form.bodyHint")}
          </p>
          {errors?.body ? (
            <p id="body-error" className="text-sm text-red-600 dark:text-red-400">
              {errors.body}
            </p>
          ) : null}
        </div>
        <section aria-labelledby="announcement-preview" className="min-w-0 space-y-1">
          <h3 id="announcement-preview" className="text-sm font-medium">
            {t("announcements.form.preview")}
          </h3>
          <div
            className="max-h-80 min-h-24 overflow-auto rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-700"
            dir="auto"
            tabIndex={0}
            data-testid="announcement-preview"
          >
            {preview.trim() ? (
              <Markdown source={preview} />
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">{t("announcements.form.previewEmpty")}</p>
            )}
          </div>
        </section>
      </div>
      <SubmitButton pendingLabel={t("announcements.form.pending")}>{t("announcements.form.submit")}</SubmitButton>
    </form>
  );
}
