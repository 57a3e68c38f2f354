// What is due now, counted one way for every page that says it (/review and the
// dashboard said 18 and 16 when re-drills were left out of one of them). Pure:
// the callers load the states, recent grades and today's new-card allowance.
import { REDRILL_BELOW } from "./sm2";

/** Where a card stands for a review session right now. */
export type DueKind = "due" | "new" | "redrill" | "later";

/** `reviews`: scheduled cards and the new cards today's limit allows; `redrills`: cards graded below 4 asked again. */
export type DueCount = { total: number; reviews: number; redrills: number };

/**
 * dueAt: the card's scheduled date (undefined when the student never graded it);
 * lastGrade: its latest non-undone grade within the re-drill window, if any.
 */
export function dueKind(dueAt: Date | undefined, lastGrade: number | undefined, now: Date): DueKind {
  if (dueAt === undefined) return "new";
  if (dueAt.getTime() <= now.getTime()) return "due";
  return lastGrade !== undefined && lastGrade < REDRILL_BELOW ? "redrill" : "later";
}

/** The cards a session holds now: due ones up to `reviewAllowance`, new ones up to `newAllowance`, and re-drills. */
export function countDue(
  cardIds: Iterable<string>,
  dueByCard: ReadonlyMap<string, Date>,
  lastGrade: ReadonlyMap<string, number>,
  newAllowance: number,
  now: Date,
  reviewAllowance = Number.POSITIVE_INFINITY,
): DueCount {
  let due = 0;
  let fresh = 0;
  let redrills = 0;
  for (const id of cardIds) {
    const kind = dueKind(dueByCard.get(id), lastGrade.get(id), now);
    if (kind === "due") due++;
    else if (kind === "new") fresh++;
    else if (kind === "redrill") redrills++;
  }
  const reviews = Math.min(due, Math.max(0, reviewAllowance)) + Math.min(fresh, Math.max(0, newAllowance));
  return { total: reviews + redrills, reviews, redrills };
}
