// Idempotent course import: content ids are stable keys, so an edited card keeps
// its students' review state, and a removed card or question is retired, never deleted.
// Other languages' text goes in each row's `translations` JSON ({"es": {...}}),
// so adding or removing a language updates rows in place and review state stays.
// Rows whose content is unchanged are not written at all: importing the same files
// twice changes nothing (not even updatedAt, which is the course snapshot's version).
import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { resolveCourseMoment } from "./course-dates";
import { serializeSettings } from "../exams/settings";
import { type CoursePhase, type CourseTranslation, TRANSLATED_LOCALES } from "./course-files";
import type { CardText, PhaseText, QuestionText, Translations } from "./localize";

export type ImportSummary = { phases: number; cardsUpserted: number; cardsRetired: number; questionsUpserted: number; questionsRetired: number };

/** The translations column of one item: languages in the course's order, "{}" when there are none. */
function translationsJson<T>(phase: CoursePhase, pick: (t: CourseTranslation) => T | undefined): string {
  const out: Translations<T> = {};
  for (const locale of TRANSLATED_LOCALES) {
    const translation = phase.translations[locale];
    const value = translation && pick(translation);
    if (value !== undefined) out[locale] = value;
  }
  return JSON.stringify(out);
}

/** True when the row already holds every value of `data` (dates compared as moments). */
function same(row: Record<string, unknown> | null | undefined, data: Record<string, unknown>): boolean {
  return (
    !!row &&
    Object.entries(data).every(([k, v]) => {
      const held = row[k];
      return v instanceof Date && held instanceof Date ? v.getTime() === held.getTime() : held === v;
    })
  );
}

export async function importCourse(phases: CoursePhase[], now = new Date()): Promise<ImportSummary> {
  const zone = env().MINIPORTAL_TIMEZONE;
  const summary: ImportSummary = { phases: 0, cardsUpserted: 0, cardsRetired: 0, questionsUpserted: 0, questionsRetired: 0 };
  await db().$transaction(async (tx) => {
    const slugs = phases.map((p) => p.slug);
    // Phase numbers are unique: park retired phases on numbers no content uses.
    const retiring = await tx.phase.findMany({ where: { slug: { notIn: slugs }, retiredAt: null } });
    for (const phase of retiring) {
      await tx.phase.update({ where: { id: phase.id }, data: { retiredAt: now, number: -Math.abs(phase.number) - 1000 } });
    }
    for (const p of phases) {
      const data = {
        number: p.number,
        title: p.title,
        summary: p.summary,
        body: p.body,
        passMark: p.passMark,
        opensAt: p.dates?.opensAt ? resolveCourseMoment(p.dates.opensAt, zone, "start") : null,
        dueAt: p.dates?.dueAt ? resolveCourseMoment(p.dates.dueAt, zone, "end") : null,
        examSettings: serializeSettings(p.examSettings),
        translations: translationsJson<PhaseText>(p, (t) => t.phase),
        retiredAt: null,
      };
      // Free the number if another phase (renamed slug) holds it.
      await tx.phase.updateMany({ where: { number: p.number, slug: { not: p.slug } }, data: { number: -p.number - 2000 } });
      const existing = await tx.phase.findUnique({ where: { slug: p.slug } });
      const phase =
        existing && same(existing, data)
          ? existing
          : await tx.phase.upsert({ where: { slug: p.slug }, create: { slug: p.slug, ...data }, update: data });
      summary.phases++;

      const cardKeys = p.cards.map((c) => `${p.slug}/${c.id}`);
      const cardRows = new Map((await tx.card.findMany({ where: { key: { in: cardKeys } } })).map((c) => [c.key, c]));
      for (const [position, card] of p.cards.entries()) {
        const key = `${p.slug}/${card.id}`;
        const cardData = {
          phaseId: phase.id,
          position,
          front: card.front,
          back: card.back,
          translations: translationsJson<CardText>(p, (t) => t.cards[card.id]),
          retiredAt: null,
        };
        if (!same(cardRows.get(key), cardData)) {
          await tx.card.upsert({ where: { key }, create: { key, ...cardData }, update: cardData });
        }
        summary.cardsUpserted++;
      }
      const retiredCards = await tx.card.updateMany({
        where: { phaseId: phase.id, key: { notIn: cardKeys }, retiredAt: null },
        data: { retiredAt: now },
      });
      summary.cardsRetired += retiredCards.count;

      const questionKeys = p.questions.map((q) => `${p.slug}/${q.id}`);
      const questionRows = new Map(
        (await tx.examQuestion.findMany({ where: { key: { in: questionKeys } } })).map((q) => [q.key, q]),
      );
      for (const [position, q] of p.questions.entries()) {
        const key = `${p.slug}/${q.id}`;
        const qData = {
          phaseId: phase.id,
          position,
          kind: q.kind,
          prompt: q.prompt,
          choicesJson: JSON.stringify(q.choices),
          explanation: q.explanation,
          translations: translationsJson<QuestionText>(p, (t) => t.questions[q.id]),
          retiredAt: null,
        };
        if (!same(questionRows.get(key), qData)) {
          await tx.examQuestion.upsert({ where: { key }, create: { key, ...qData }, update: qData });
        }
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
