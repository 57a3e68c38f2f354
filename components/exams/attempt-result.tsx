// Per-question results of one attempt: what was chosen, and, when the exam's
// setting allows it now, what was right and why (lib/exams/results.ts leaves the
// correct answers out entirely otherwise, so nothing here can leak them).
import { getLocale, getTranslations } from "next-intl/server";
import { InlineMarkdown, Markdown } from "@/components/content/markdown";
import { Badge } from "@/components/ui/primitives";
import { foreignLang } from "@/lib/content/localize";
import type { AttemptResult } from "@/lib/exams/attempts";

export async function AttemptQuestions({ questions }: { questions: AttemptResult["questions"] }) {
  const [t, locale] = await Promise.all([getTranslations("exams"), getLocale()]);
  return (
    <ol className="space-y-4" aria-label={t("result.questionsLabel")}>
      {questions.map((q, index) => {
        const lang = foreignLang(q.lang, locale);
        return (
          <li
            key={q.id}
            className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-testid="result-question"
          >
            <div className="flex items-start justify-between gap-3">
              <p className="font-medium">
                <span className="mr-2 text-slate-500 dark:text-slate-400">{index + 1}.</span>
                <InlineMarkdown source={q.prompt} lang={lang} />
              </p>
              {q.correct !== null ? (
                <Badge tone={q.correct ? "green" : "red"}>{q.correct ? t("result.correct") : t("result.wrong")}</Badge>
              ) : null}
            </div>
            <ul className="mt-3 space-y-1 text-sm">
              {q.choices.map((c) => {
                const chosen = q.chosen.includes(c.id);
                const shown = q.correct !== null;
                const tone = c.correct
                  ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40"
                  : chosen && shown
                    ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40"
                    : chosen
                      ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20"
                      : "border-slate-200 dark:border-slate-800";
                return (
                  <li key={c.id} className={`flex items-start gap-2 rounded-lg border px-3 py-1.5 ${tone}`}>
                    <span aria-hidden className="w-4 shrink-0">
                      {chosen ? "●" : "○"}
                    </span>
                    <span className="min-w-0 flex-1">
                      <InlineMarkdown source={c.text} lang={lang} />
                    </span>
                    <span className="sr-only">
                      {chosen ? t("result.yourAnswer") : ""}
                      {chosen && c.correct ? ", " : ""}
                      {c.correct ? t("result.correctAnswer") : ""}
                    </span>
                    {chosen ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400" aria-hidden>
                        {t("result.yourAnswer")}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {q.explanation ? (
              <div className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="result-explanation">
                <Markdown source={q.explanation} course lang={lang} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
