// The dashboard's phase cards and recent activity as plain rows for their client
// components (components/dashboard/phase-progress.tsx, recent-activity.tsx). A server
// component's markup reaches the browser twice, as HTML and as RSC payload; a client
// component's payload is only its props, so these hold what the cards show and no more:
// numbers and strings formatted here, in the viewer's language, no Date arrays.
import type { PhaseSchedule } from "@/lib/content/phase-schedule";
import { foreignLang } from "@/lib/content/localize";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import type { Locale } from "@/lib/i18n/locales";
import { formatDay, percent } from "./format";
import type { Activity, PhaseProgress } from "./progress";

export type PhaseRow = {
  /** "01" */
  nn: string;
  title: string;
  /** Set when the title is not in the page's language. */
  lang?: Locale;
  journal: boolean;
  learned: number;
  cards: number;
  /** The best exam score, formatted ("83 %"), with whether it passed. */
  best?: string;
  passed: boolean;
  /** Only when course.yaml gives the phase dates. */
  schedule?: PhaseSchedule;
};

export type ActivityRow =
  | { kind: "exam"; at: string; nn: string; score: string; passed: boolean; attemptId: string }
  | { kind: "journal"; at: string; nn: string }
  | { kind: "reviews"; at: string; day: string; count: number };

// Absent fields are left out, not undefined: the payload spells out every "$undefined".
export function phaseRows(phases: PhaseProgress[], locale: Locale): PhaseRow[] {
  return phases.map((p) => {
    const row: PhaseRow = {
      nn: formatPhaseNumber(p.number),
      title: p.title,
      journal: p.journalWritten,
      learned: p.cardsLearned,
      cards: p.cardCount,
      passed: p.passed,
    };
    const lang = foreignLang(p.lang, locale);
    if (lang) row.lang = lang;
    if (p.bestScore !== null) row.best = percent(p.bestScore, locale);
    if (p.schedule.state !== "none") row.schedule = p.schedule;
    return row;
  });
}

export function activityRows(items: Activity[], locale: Locale): ActivityRow[] {
  return items.map((a) => {
    const at = a.at.toISOString();
    if (a.kind === "exam")
      return {
        kind: a.kind,
        at,
        nn: formatPhaseNumber(a.phaseNumber),
        score: percent(a.score, locale),
        passed: a.passed,
        attemptId: a.attemptId,
      };
    if (a.kind === "journal") return { kind: a.kind, at, nn: formatPhaseNumber(a.phaseNumber) };
    return { kind: a.kind, at, day: formatDay(a.at, locale), count: a.count };
  });
}
