// The rules of one exam as the student meets them: attempts used and left, the
// time limit (with their extra time), the dates, and when answers are shown.
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import type { ExamState } from "@/lib/exams/policy";

// Literal keys, so the catalogue check sees each one used.
const SHOW = {
  never: "show.never",
  "after-each": "show.after-each",
  "after-last-attempt": "show.after-last-attempt",
  "after-close": "show.after-close",
} as const;

export async function ExamRules({ state, timeMultiplier }: { state: ExamState; timeMultiplier: number }) {
  const t = await getTranslations("exams.rules");
  const s = state.settings;
  const minutes = s.timeLimitMinutes;
  const row = (term: string, value: React.ReactNode) => (
    <div className="flex flex-wrap justify-between gap-x-3">
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
  return (
    <dl className="space-y-1 text-sm" data-testid="exam-rules">
      {row(
        t("attempts"),
        s.attempts === null ? t("attemptsUnlimited") : t("attemptsUsed", { used: state.used, limit: s.attempts }),
      )}
      {row(
        t("timeLimit"),
        minutes === null
          ? t("noTimeLimit")
          : timeMultiplier !== 1
            ? t("minutesWithExtra", { minutes, total: Math.round(minutes * timeMultiplier) })
            : t("minutes", { minutes }),
      )}
      {s.opensAt ? row(t("opens"), <LocalTime value={s.opensAt} />) : null}
      {s.closesAt ? row(t("closes"), <LocalTime value={s.closesAt} />) : null}
      {row(t("answers"), t(SHOW[s.showAnswers]))}
    </dl>
  );
}
