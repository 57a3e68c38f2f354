// Reading the course for a signed-in user. Retired phases and cards are hidden.
import type { SessionUser } from "../auth/session-user";
import { courseSnapshot } from "./course-snapshot";
export { parsePhaseNumber } from "./phase-number";

export type PhaseSummary = { number: number; slug: string; title: string; summary: string; cardCount: number; questionCount: number };

export async function listPhases(_user: SessionUser): Promise<PhaseSummary[]> {
  const { phases } = await courseSnapshot();
  return phases.map((p) => ({
    number: p.number,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    cardCount: p.cards.length,
    questionCount: p.questionCount,
  }));
}


export async function getPhase(_user: SessionUser, number: number) {
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
