// A review log as the FSRS optimizer reads it (pure): per student and card, the
// counted reviews in time order (re-drills and undone grades left out), each with
// its FSRS rating and the whole UTC days since the card's previous review (0 for
// the first). An "item" is a card's history up to one review: fsrs-rs trains on
// predicting each review from the ones before it.
import { DAY_MS, type LoggedReview } from "./fsrs";

export type ItemReview = { rating: number; deltaT: number };
export type CardHistory = { userId: string; cardId: string; reviews: ItemReview[]; at: Date[] };

const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

export function cardHistories(logs: readonly (LoggedReview & { userId: string })[]): CardHistory[] {
  const byKey = new Map<string, (LoggedReview & { userId: string })[]>();
  for (const l of logs) {
    if (l.redrill || l.undoneAt !== null) continue;
    const key = `${l.userId}\u0000${l.cardId}`;
    const list = byKey.get(key) ?? [];
    list.push(l);
    byKey.set(key, list);
  }
  const out: CardHistory[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
    out.push({
      userId: list[0]!.userId,
      cardId: list[0]!.cardId,
      reviews: list.map((l, i) => ({
        rating: l.rating,
        deltaT: i === 0 ? 0 : utcDay(l.reviewedAt) - utcDay(list[i - 1]!.reviewedAt),
      })),
      at: list.map((l) => l.reviewedAt),
    });
  }
  return out;
}

/** The training items of some histories: every prefix ending at the 2nd, 3rd, … review. */
export function itemPrefixes(histories: readonly CardHistory[]): ItemReview[][] {
  const items: ItemReview[][] = [];
  for (const h of histories) for (let k = 2; k <= h.reviews.length; k++) items.push(h.reviews.slice(0, k));
  return items;
}

/**
 * How fsrs-rs used the data, read from its answer: its own thresholds decide
 * (defaults below 8 usable items, only the first four weights below 64).
 */
export function fitKind(fitted: readonly number[], defaults: readonly number[]): "default" | "partial" | "full" {
  const differs = (i: number) => Math.abs((fitted[i] ?? 0) - (defaults[i] ?? 0)) > 1e-6;
  const first = [0, 1, 2, 3].some(differs);
  const rest = fitted.slice(4).some((_, j) => differs(j + 4));
  return rest ? "full" : first ? "partial" : "default";
}
