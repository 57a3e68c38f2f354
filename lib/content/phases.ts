// Reading the course for a signed-in user. Retired phases and cards are hidden.
import "server-only";
import { courseSnapshot } from "./course-snapshot";
export { parsePhaseNumber } from "./phase-number";

/** One active phase with its cards, from the cached course snapshot; null when there is none. */
export async function getPhase(number: number) {
  const phase = (await courseSnapshot()).byNumber.get(number);
  if (!phase) return null;
  return {
    id: phase.id,
    number: phase.number,
    slug: phase.slug,
    title: phase.title,
    summary: phase.summary,
    body: phase.body,
    passMark: phase.passMark,
    cards: phase.cards.map((c) => ({ id: c.id, front: c.front, back: c.back })),
    questionCount: phase.questionCount,
  };
}
