// Idempotent course import: content ids are stable keys, so an edited card keeps
// its students' review state, and a removed card or question is retired, never deleted.
import "server-only";
import { db } from "../db/client";
import type { CoursePhase } from "./course-files";

export type ImportSummary = { phases: number; cardsUpserted: number; cardsRetired: number; questionsUpserted: number; questionsRetired: number };

export async function importCourse(phases: CoursePhase[], now = new Date()): Promise<ImportSummary> {
  const summary: ImportSummary = { phases: 0, cardsUpserted: 0, cardsRetired: 0, questionsUpserted: 0, questionsRetired: 0 };
  await db().$transaction(async (tx) => {
    const slugs = phases.map((p) => p.slug);
    // Phase numbers are unique: park retired phases on numbers no content uses.
    const retiring = await tx.phase.findMany({ where: { slug: { notIn: slugs }, retiredAt: null } });
    for (const phase of retiring) {
      await tx.phase.update({ where: { id: phase.id }, data: { retiredAt: now, number: -Math.abs(phase.number) - 1000 } });
    }
    for (const p of phases) {
      const data = { number: p.number, title: p.title, summary: p.summary, body: p.body, passMark: p.passMark, retiredAt: null };
      // Free the number if another phase (renamed slug) holds it.
      await tx.phase.updateMany({ where: { number: p.number, slug: { not: p.slug } }, data: { number: -p.number - 2000 } });
      const phase = await tx.phase.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...data }, update: data });
      summary.phases++;

      const cardKeys = p.cards.map((c) => `${p.slug}/${c.id}`);
      for (const [position, card] of p.cards.entries()) {
        const cardData = { phaseId: phase.id, position, front: card.front, back: card.back, retiredAt: null };
        await tx.card.upsert({ where: { key: `${p.slug}/${card.id}` }, create: { key: `${p.slug}/${card.id}`, ...cardData }, update: cardData });
        summary.cardsUpserted++;
      }
      const retiredCards = await tx.card.updateMany({
        where: { phaseId: phase.id, key: { notIn: cardKeys }, retiredAt: null },
        data: { retiredAt: now },
      });
      summary.cardsRetired += retiredCards.count;

      const questionKeys = p.questions.map((q) => `${p.slug}/${q.id}`);
      for (const [position, q] of p.questions.entries()) {
        const qData = {
          phaseId: phase.id,
          position,
          kind: q.kind,
          prompt: q.prompt,
          choicesJson: JSON.stringify(q.choices),
          explanation: q.explanation,
          retiredAt: null,
        };
        await tx.examQuestion.upsert({ where: { key: `${p.slug}/${q.id}` }, create: { key: `${p.slug}/${q.id}`, ...qData }, update: qData });
        summary.questionsUpserted++;
      }
      const retiredQuestions = await tx.examQuestion.updateMany({
        where: { phaseId: phase.id, key: { notIn: questionKeys }, retiredAt: null },
        data: { retiredAt: now },
      });
      summary.questionsRetired += retiredQuestions.count;
    }
    // Hundreds of upserts, each a round trip on PostgreSQL: Prisma's 5 s default is too tight on a busy machine.
  }, { timeout: 120_000 });
  return summary;
}
