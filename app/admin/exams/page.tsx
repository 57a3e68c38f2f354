import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { requireAdmin } from "@/lib/auth/guards";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { env } from "@/lib/env";
import { listExamSettings, type PhaseExamSettings } from "@/lib/exams/admin";
import { dateToWallTime } from "@/lib/time/wall-time";
import { resetExamSettingsAction, updateExamSettingsAction } from "./actions";
import { ExamSettingsForm, type SettingsValues } from "./settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("exams.title") };
}

function formValues(s: PhaseExamSettings["effective"], zone: string): SettingsValues {
  return {
    attempts: s.attempts === null ? "" : String(s.attempts),
    timeLimitMinutes: s.timeLimitMinutes === null ? "" : String(s.timeLimitMinutes),
    shuffleQuestions: s.shuffleQuestions,
    shuffleChoices: s.shuffleChoices,
    showAnswers: s.showAnswers,
    opensAt: s.opensAt ? dateToWallTime(s.opensAt, zone) : "",
    closesAt: s.closesAt ? dateToWallTime(s.closesAt, zone) : "",
  };
}

export default async function ExamSettingsPage() {
  const admin = await requireAdmin();
  const locale = await getLocale();
  const [phases, t] = await Promise.all([listExamSettings(admin, locale), getTranslations("admin.exams")]);
  const zone = env().MINIPORTAL_TIMEZONE;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <UntranslatedNote show={hasForeignText(phases, locale)} />
      <div className="space-y-6">
        {phases.map((p) => {
          const nn = formatPhaseNumber(p.number);
          return (
            <Card key={p.phaseId} aria-labelledby={`exam-${nn}`} data-testid={`exam-settings-${nn}`}>
              <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`exam-${nn}`} className="font-semibold">
                  {t.rich("phaseHeading", {
                    number: nn,
                    title: p.title,
                    course: courseTag(foreignLang(p.lang, locale)),
                  })}
                </h2>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="text-slate-600 dark:text-slate-400">
                    {t("questions", { count: p.questionCount })}
                  </span>
                  {p.overridden.length ? (
                    <Badge tone="amber">{t("overridden", { count: p.overridden.length })}</Badge>
                  ) : (
                    <Badge tone="slate">{t("fromCourse")}</Badge>
                  )}
                </div>
              </div>
              <ExamSettingsForm
                phase={nn}
                values={formValues(p.effective, zone)}
                zone={zone}
                save={updateExamSettingsAction}
                reset={resetExamSettingsAction}
                overridden={p.overridden.length > 0}
              />
            </Card>
          );
        })}
      </div>
    </>
  );
}
