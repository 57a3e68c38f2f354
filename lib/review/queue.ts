// What a review session contains. A card without a ReviewState is new and due
// now: states are created by the first grade (and removed again by its undo), so
// merely opening /review writes nothing. New cards are capped per local day by the
// student's own limit (lib/review/new-card-limit.ts, set on /account); the rest
// wait for a later day. Reviews of learned cards are capped per UTC day too
// (User.reviewsPerDay): the oldest due first, the overflow waits for tomorrow in
// the same order. Suspended cards are in no session and no count. Retired cards
// and phases never appear. For an FSRS student each card carries the interval
// each of the four answers would give (shown on the buttons).
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { type DueCount, countDue, dueKind } from "./due-count";
import { takeNewCards } from "./new-card-limit";
import { type NewCardBudget, budgetFrom } from "./daily-new-cards";
import { latestGrades } from "./recent-grades";
import { reviewRows } from "./review-rows";
import { type CardMemory, previewIntervals } from "./fsrs";
import type { Scheduler } from "./rating";

/** `lang`, `phaseLang`: the languages of the card's text and of its phase's title (English where untranslated). */
export type SessionCard = {
  id: string;
  front: string;
  back: string;
  lang: Locale;
  phaseNumber: number;
  phaseTitle: string;
  phaseLang: Locale;
  isNew: boolean;
  redrill: boolean;
  /** FSRS only: the interval in days Again, Hard, Good and Easy would give (none for a re-drill). */
  intervals?: [number, number, number, number];
};
export type ReviewSession = {
  scheduler: Scheduler;
  /** Due reviews the daily cap holds back today. */
  reviewsHeld: number;
  cards: SessionCard[];
  nextDueAt: Date | null;
  phase: { number: number; title: string; lang: Locale } | null;
  /** The daily new-card limit as it stands, and how many new cards it holds back today. */
  newCards: NewCardBudget & { held: number };
  /** How many cards are due now, as the dashboard counts them too. */
  due: DueCount;
};

/** Bounds one page load; the course is far smaller. */
const MAX_SESSION_CARDS = 300;

export async function loadReviewSession(
  user: SessionUser,
  options: { phaseNumber?: number; locale?: Locale } = {},
  now = new Date(),
): Promise<ReviewSession | null> {
  assertRole(user, "student", "studentsOnlyReview");
  let phase: ReviewSession["phase"] = null;
  const course = await courseView(options.locale ?? DEFAULT_LOCALE);
  if (options.phaseNumber !== undefined) {
    const found = course.byNumber.get(options.phaseNumber);
    if (!found) return null;
    phase = { number: found.number, title: found.title, lang: found.lang };
  }
  // Live cards in course order (phases by number, cards by position).
  const cards = course.phases
    .filter((p) => !phase || p.number === phase.number)
    .flatMap((p) => p.cards.map((c) => ({ ...c, phase: { number: p.number, title: p.title, lang: p.lang } })));
  const { states: allStates, recent, settings } = await reviewRows(user.id, now);
  // One read of the recent grades and the account's row serves the re-drills and today's budget.
  const lastGrade = latestGrades(recent, now);
  const budget = budgetFrom(
    { newCardsPerDay: settings.newCardsPerDay, reviewsPerDay: settings.reviewsPerDay, timeZone: settings.zone ?? null },
    recent.filter((l) => !l.redrill),
    now,
  );
  const suspended = new Set(allStates.filter((s) => s.suspendedAt).map((s) => s.cardId));
  const states = allStates.filter((s) => !s.suspendedAt);
  const stateByCard = new Map<string, CardMemory>(states.map((s) => [s.cardId, s]));
  const dueByCard = new Map(states.map((s) => [s.cardId, s.dueAt]));
  const liveCards = cards.filter((c) => !suspended.has(c.id));
  const intervalsOf = (id: string): SessionCard["intervals"] => {
    if (settings.scheduler !== "fsrs") return undefined;
    const p = previewIntervals(stateByCard.get(id) ?? null, now, settings);
    return [p[1], p[2], p[3], p[4]];
  };

  const due: { card: SessionCard; dueAt: number }[] = [];
  const fresh: SessionCard[] = [];
  const redrills: SessionCard[] = [];
  let nextDue: number | null = null;
  for (const c of liveCards) {
    const base = {
      id: c.id,
      front: c.front,
      back: c.back,
      lang: c.lang,
      phaseNumber: c.phase.number,
      phaseTitle: c.phase.title,
      phaseLang: c.phase.lang,
    };
    const dueAt = dueByCard.get(c.id);
    const kind = dueKind(dueAt, lastGrade.get(c.id), now);
    if (dueAt === undefined) fresh.push({ ...base, isNew: true, redrill: false });
    else if (kind === "due") due.push({ card: { ...base, isNew: false, redrill: false }, dueAt: dueAt.getTime() });
    else {
      if (kind === "redrill") redrills.push({ ...base, isNew: false, redrill: true });
      nextDue = nextDue === null ? dueAt.getTime() : Math.min(nextDue, dueAt.getTime());
    }
  }
  due.sort((a, b) => a.dueAt - b.dueAt);
  const { shown, held } = takeNewCards(fresh, budget.allowance);
  const { shown: dueShown, held: reviewsHeld } = takeNewCards(due, budget.reviewAllowance);
  const ordered = [...dueShown.map((d) => d.card), ...shown, ...redrills]
    .slice(0, MAX_SESSION_CARDS)
    .map((c) => (c.redrill ? c : { ...c, intervals: intervalsOf(c.id) }));
  return {
    scheduler: settings.scheduler,
    reviewsHeld,
    cards: ordered,
    nextDueAt: nextDue === null ? null : new Date(nextDue),
    phase,
    newCards: { ...budget, held },
    due: countDue(
      liveCards.map((c) => c.id),
      dueByCard,
      lastGrade,
      budget.allowance,
      now,
      budget.reviewAllowance,
    ),
  };
}
