// Reading the course for a signed-in user. Retired phases and cards are hidden.
import "server-only";
import { db } from "../db/client";
import type { SessionUser } from "../auth/session-user";
export { parsePhaseNumber } from "./phase-number";

export type PhaseSummary = { number: number; slug: string; title: string; summary: string; cardCount: number; questionCount: number };

export async function listPhases(_user: SessionUser): Promise<PhaseSummary[]> {
  const phases = await db().phase.findMany({
    where: { retiredAt: null },
    orderBy: { number: "asc" },
    include: { _count: { select: { cards: { where: { retiredAt: null } }, questions: { where: { retiredAt: null } } } } },
  });
  return phases.map((p) => ({
    number: p.number,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    cardCount: p._count.cards,
    questionCount: p._count.questions,
  }));
}


export async function getPhase(_user: SessionUser, number: number) {
  const phase = await db().phase.findFirst({
    where: { number, retiredAt: null },
    include: { cards: { where: { retiredAt: null }, orderBy: { position: "asc" } }, _count: { select: { questions: { where: { retiredAt: null } } } } },
  });
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
    questionCount: phase._count.questions,
  };
}
