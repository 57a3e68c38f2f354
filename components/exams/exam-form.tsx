"use client";
// The exam sheet. Inputs are controlled and the action is dispatched from
// onSubmit (not the form's action prop, which resets the form afterwards), so a
// refused submission keeps every answer.
import { type FormEvent, type ReactNode, startTransition, useActionState, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus } from "@/components/ui/form";
import { Button } from "@/components/ui/primitives";
import { Countdown } from "./countdown";

export type SheetQuestion = {
  id: string;
  kind: "single" | "multiple";
  /** Rendered on the server (inline markdown): the client gets no markdown parser. */
  prompt: ReactNode;
  choices: { id: string; text: ReactNode }[];
};

type Props = {
  phase: string;
  startToken: string;
  questions: SheetQuestion[];
  submit: FormAction;
  /** Time left on a timed attempt when the page was rendered; null when untimed. */
  remainingMs: number | null;
};

export function ExamForm({ phase, startToken, questions, submit: submitAction, remainingMs }: Props) {
  const [state, action, pending] = useActionState(submitAction, idleState);
  const t = useTranslations("exams");
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [timeUp, setTimeUp] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const answered = questions.filter((q) => answers[q.id]?.length).length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  // Time is up: hand in what is answered (unanswered questions count as wrong).
  function onTimeUp() {
    setTimeUp(true);
    const data = form.current ? new FormData(form.current) : null;
    if (!data) return;
    data.set("timeUp", "1");
    startTransition(() => action(data));
  }

  function toggle(q: SheetQuestion, choiceId: string, checked: boolean) {
    setAnswers((prev) => {
      const current = prev[q.id] ?? [];
      const next =
        q.kind === "single" ? [choiceId] : checked ? [...current, choiceId] : current.filter((c) => c !== choiceId);
      return { ...prev, [q.id]: next };
    });
  }

  return (
    <form ref={form} onSubmit={submit} className="space-y-6" aria-label={t("form.label")}>
      {remainingMs !== null ? <Countdown remainingMs={remainingMs} onTimeUp={onTimeUp} /> : null}
      <input type="hidden" name="phase" value={phase} />
      {/* After time is up a retry (the automatic submission failed on the way) may leave questions unanswered too. */}
      <input type="hidden" name="timeUp" value={timeUp ? "1" : ""} />
      <input type="hidden" name="startToken" value={startToken} />
      <input type="hidden" name="questionIds" value={questions.map((q) => q.id).join(",")} />
      <ol className="space-y-5">
        {questions.map((q, index) => {
          const error = state.fieldErrors?.[q.id];
          return (
            <li key={q.id}>
              <fieldset
                className={`rounded-xl border bg-white p-5 shadow-sm dark:bg-slate-900 ${
                  error ? "border-red-400 dark:border-red-700" : "border-slate-200 dark:border-slate-800"
                }`}
                aria-describedby={error ? `${q.id}-error` : undefined}
              >
                <legend className="sr-only">{t("form.question", { number: index + 1 })}</legend>
                <p className="font-medium">
                  <span className="mr-2 text-slate-500 dark:text-slate-400">{index + 1}.</span>
                  {q.prompt}
                </p>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                  {q.kind === "single" ? t("form.chooseOne") : t("form.chooseAll")}
                </p>
                <div className="mt-3 space-y-2">
                  {q.choices.map((c) => {
                    const id = `${q.id}-${c.id}`;
                    return (
                      <label
                        key={c.id}
                        htmlFor={id}
                        className={
                          "flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2 " +
                          "text-sm hover:bg-slate-50 has-checked:border-brand-500 has-checked:bg-brand-50 " +
                          "dark:border-slate-700 dark:hover:bg-slate-800 dark:has-checked:bg-brand-700/20"
                        }
                      >
                        <input
                          id={id}
                          type={q.kind === "single" ? "radio" : "checkbox"}
                          name={`q.${q.id}`}
                          value={c.id}
                          checked={answers[q.id]?.includes(c.id) ?? false}
                          onChange={(e) => toggle(q, c.id, e.target.checked)}
                          className="mt-0.5 accent-brand-600"
                        />
                        <span>{c.text}</span>
                      </label>
                    );
                  })}
                </div>
                {error ? (
                  <p id={`${q.id}-error`} className="mt-2 text-sm text-red-600 dark:text-red-400">
                    {error}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("form.pending") : t("form.submit")}
        </Button>
        <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="exam-answered">
          {t("form.answered", { answered, total: questions.length })}
        </span>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
