// Which kept cards an offline session shows, and what a grade given offline does to
// the card's local copy. Pure (the unit tests and the browser share it); the server
// still decides what each grade means when it is sent.
import { bothScales, type Scheduler } from "../review/rating";
import { nextSm2, REDRILL_BELOW } from "../review/sm2";
import type { DeckCard } from "./store";

const DAY_MS = 86_400_000;

/** Due and overdue cards (oldest first), then new ones (deck order), then re-drills. */
export function offlineSession(deck: readonly DeckCard[], now: Date): DeckCard[] {
  const due: DeckCard[] = [];
  const fresh: DeckCard[] = [];
  const redrills: DeckCard[] = [];
  for (const c of deck) {
    if (c.redrill) redrills.push(c);
    else if (c.gradedAt) continue;
    else if (c.dueAt === null) fresh.push(c);
    else if (Date.parse(c.dueAt) <= now.getTime()) due.push(c);
  }
  due.sort((a, b) => Date.parse(a.dueAt ?? "") - Date.parse(b.dueAt ?? ""));
  return [...due, ...fresh, ...redrills];
}

/** The card's local copy after a grade given here, and whether it comes back in this session. */
export function gradedLocally(
  card: DeckCard,
  scheduler: Scheduler,
  answer: number,
  now: Date,
): { card: DeckCard; needsRedrill: boolean; estimatedDueAt: Date; intervalDays: number } {
  const { grade, rating } = bothScales(scheduler, answer);
  const needsRedrill = grade < REDRILL_BELOW;
  // Only an estimate for the page's "next card" line: the server computes the real date.
  const intervalDays =
    scheduler === "fsrs"
      ? (card.intervals?.[rating - 1] ?? 1)
      : nextSm2({ repetitions: card.repetitions, easiness: 2.5, intervalDays: 0 }, grade).intervalDays;
  return {
    card: { ...card, gradedAt: now.toISOString(), redrill: needsRedrill },
    needsRedrill,
    estimatedDueAt: new Date(now.getTime() + Math.max(1, intervalDays) * DAY_MS),
    intervalDays,
  };
}
