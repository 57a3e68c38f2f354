// Where a card stands for the card browser (/review/cards). Pure. One state per
// card, the first that applies: suspended; new (never graded); overdue (due before
// today, the student's day); due (due today); learning (graded, last answer a failure or FSRS's
// (re)learning state); review (scheduled for a later day).
import { State } from "ts-fsrs";
import { localMidnightAfter, startOfLocalDay } from "../time/zones";

export const CARD_STATES = ["new", "learning", "due", "overdue", "suspended", "review"] as const;
export type CardState = (typeof CARD_STATES)[number];
export const CARD_SORTS = ["due", "difficulty", "lapses"] as const;
export type CardSort = (typeof CARD_SORTS)[number];

export type BrowserState = {
  dueAt: Date;
  lastReviewedAt: Date | null;
  repetitions: number;
  fsrsState: number;
  suspendedAt: Date | null;
} | null;

/** Where the student's today begins and ends (local midnights), worked out once per listing. */
export type Today = { start: number; end: number };
export function todayIn(zone: string, now: Date): Today {
  return { start: startOfLocalDay(zone, now).getTime(), end: localMidnightAfter(zone, now, 1).getTime() };
}

export function cardState(state: BrowserState, now: Date, today: Today = todayIn("UTC", now)): CardState {
  if (state?.suspendedAt) return "suspended";
  if (!state || !state.lastReviewedAt) return "new";
  if (state.dueAt.getTime() < today.start) return "overdue";
  if (state.dueAt.getTime() <= now.getTime() || state.dueAt.getTime() < today.end) return "due";
  if (state.repetitions === 0 || state.fsrsState === State.Learning || state.fsrsState === State.Relearning)
    return "learning";
  return "review";
}

/** Sorts rows by the browser's choice; cards without the value (new ones) last, then course order. */
export function sortRows<T extends { dueAt: Date | null; difficulty: number | null; lapses: number; order: number }>(
  rows: T[],
  sort: CardSort,
): T[] {
  const key = (r: T): number | null =>
    sort === "due" ? (r.dueAt?.getTime() ?? null) : sort === "difficulty" ? r.difficulty : r.lapses;
  const dir = sort === "due" ? 1 : -1; // due: soonest first; difficulty and lapses: highest first
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null && kb === null) return a.order - b.order;
    if (ka === null) return 1;
    if (kb === null) return -1;
    return (ka - kb) * dir || a.order - b.order;
  });
}
