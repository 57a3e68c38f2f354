// The daily limit of new cards: a review day introduces at most `limit` cards
// the student has never graded, so a fresh account meets 20 new cards on day
// one rather than the whole course. Days are the student's local days (lib/time/user-zone.ts), like the dashboard's.
// Pure: the queue and the dashboard count, this decides.
export const NEW_CARDS_PER_DAY_DEFAULT = 20;
export const NEW_CARDS_PER_DAY_MAX = 500;
/** The daily cap on reviews of learned cards (new cards and re-drills not counted). */
export const REVIEWS_PER_DAY_DEFAULT = 200;

/** How many more new cards today may bring, given how many it already introduced. */
export function newCardAllowance(limit: number, introducedToday: number): number {
  return Math.max(0, Math.floor(limit) - Math.max(0, introducedToday));
}

/** The first `allowance` new cards in course order, and how many wait for another day. */
export function takeNewCards<T>(fresh: readonly T[], allowance: number): { shown: T[]; held: number } {
  const shown = fresh.slice(0, Math.max(0, allowance));
  return { shown, held: fresh.length - shown.length };
}
