import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCourse, type CoursePhase } from "@/lib/content/course-files";
import { importCourse } from "@/lib/content/import";
import { getPhase, phasePageTitle } from "@/lib/content/phases";
import { studentDashboard } from "@/lib/dashboard/progress";
import { getAttemptResult, loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("content import", () => {
  const t = useTestDb();
  let course: CoursePhase[];
  beforeAll(async () => {
    course = readCourse(path.resolve("content"));
  });

  it("is idempotent: importing twice creates no duplicates", async () => {
    await importCourse(course);
    const counts = async () => [await t.db.phase.count(), await t.db.card.count(), await t.db.examQuestion.count()];
    const first = await counts();
    await importCourse(course);
    expect(await counts()).toEqual(first);
    expect(first[0]).toBe(course.length);
    expect(first[1]).toBe(course.reduce((n, p) => n + p.cards.length, 0));
  });

  it("keeps students' review state when a card is edited, and retires removed cards", async () => {
    const student = await createActiveUser();
    const phase = course[0]!;
    const [kept, removed] = [phase.cards[0]!, phase.cards[1]!];
    const keptCard = await t.db.card.findUniqueOrThrow({ where: { key: `${phase.slug}/${kept.id}` } });
    const removedCard = await t.db.card.findUniqueOrThrow({ where: { key: `${phase.slug}/${removed.id}` } });
    const due = new Date("2030-01-01T00:00:00Z");
    for (const card of [keptCard, removedCard]) {
      await t.db.reviewState.create({
        data: { userId: student.id, cardId: card.id, repetitions: 3, easiness: 2.36, intervalDays: 15, dueAt: due },
      });
    }

    const edited: CoursePhase[] = course.map((p, i) =>
      i === 0 ? { ...p, cards: [{ ...kept, back: "An edited answer." }, ...p.cards.slice(2)] } : p,
    );
    const summary = await importCourse(edited);
    expect(summary.cardsRetired).toBe(1);

    const keptAfter = await t.db.card.findUniqueOrThrow({ where: { id: keptCard.id } });
    expect(keptAfter.back).toBe("An edited answer.");
    expect(keptAfter.retiredAt).toBeNull();
    const removedAfter = await t.db.card.findUniqueOrThrow({ where: { id: removedCard.id } });
    expect(removedAfter.retiredAt).not.toBeNull();
    const states = await t.db.reviewState.findMany({ where: { userId: student.id } });
    expect(states).toHaveLength(2);
    expect(
      states.every((s) => s.repetitions === 3 && s.intervalDays === 15 && s.dueAt.getTime() === due.getTime()),
    ).toBe(true);

    // Bringing the card back un-retires the same row.
    await importCourse(course);
    expect((await t.db.card.findUniqueOrThrow({ where: { id: removedCard.id } })).retiredAt).toBeNull();
  });

  it("retires a removed phase and its questions without deleting them", async () => {
    const withoutLast = course.slice(0, -1);
    await importCourse(withoutLast);
    const last = await t.db.phase.findUniqueOrThrow({ where: { slug: course.at(-1)!.slug } });
    expect(last.retiredAt).not.toBeNull();
    await importCourse(course);
    const back = await t.db.phase.findUniqueOrThrow({ where: { slug: course.at(-1)!.slug } });
    expect(back.retiredAt).toBeNull();
    expect(back.number).toBe(course.at(-1)!.number);
  });

  it("stores Spanish beside English on each row, and nothing for untranslated phases", async () => {
    await importCourse(course);
    const [logs, , traces] = course;
    const phase = await t.db.phase.findUniqueOrThrow({ where: { slug: logs!.slug } });
    expect(phase.title).toBe(logs!.title); // English stays in the columns
    expect(JSON.parse(phase.translations)).toEqual({ es: logs!.translations.es!.phase });
    expect(JSON.parse(phase.translations).es.title).toBe("Logs estructurados");

    const cardRow = await t.db.card.findUniqueOrThrow({ where: { key: `${logs!.slug}/structured-logging` } });
    expect(JSON.parse(cardRow.translations)).toEqual({
      es: { front: "¿Qué es el logging estructurado?", back: expect.stringContaining("clave/valor") },
    });
    const question = await t.db.examQuestion.findUniqueOrThrow({ where: { key: `${logs!.slug}/level-choice` } });
    const es = JSON.parse(question.translations).es;
    expect(Object.keys(es.choices)).toEqual(["a", "b", "c", "d"]);
    expect(es.explanation).toMatch(/`warn`/);
    expect(JSON.parse(question.choicesJson).find((c: { id: string }) => c.id === "b").correct).toBe(true);

    expect((await t.db.phase.findUniqueOrThrow({ where: { slug: traces!.slug } })).translations).toBe("{}");
    const traceCards = await t.db.card.findMany({ where: { phase: { slug: traces!.slug } } });
    expect(traceCards.every((c) => c.translations === "{}")).toBe(true);
  });

  it("writes nothing when importing the same files again, not even updatedAt", async () => {
    await importCourse(course);
    const rows = async () => ({
      phases: await t.db.phase.findMany({ orderBy: { id: "asc" } }),
      cards: await t.db.card.findMany({ orderBy: { id: "asc" } }),
      questions: await t.db.examQuestion.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await rows();
    await new Promise((resolve) => setTimeout(resolve, 5)); // a write would get a later updatedAt
    const summary = await importCourse(course);
    expect(summary).toMatchObject({ cardsRetired: 0, questionsRetired: 0 });
    expect(await rows()).toEqual(before);
  });

  it("adds and removes a language in place, keeping every review state", async () => {
    const english = course.map((p) => ({ ...p, translations: {} }));
    await importCourse(english);
    const phase = course[0]!;
    const student = await createActiveUser();
    const cardsBefore = await t.db.card.findMany({ where: { phase: { slug: phase.slug } }, orderBy: { key: "asc" } });
    expect(cardsBefore.every((c) => c.translations === "{}")).toBe(true);
    const due = new Date("2031-05-06T07:08:09Z");
    for (const [i, card] of cardsBefore.entries()) {
      await t.db.reviewState.create({
        data: {
          userId: student.user.id,
          cardId: card.id,
          repetitions: i + 1,
          easiness: 2.1 + i / 10,
          intervalDays: 3 * (i + 1),
          dueAt: due,
          lastReviewedAt: due,
        },
      });
    }
    const states = () => t.db.reviewState.findMany({ where: { userId: student.user.id }, orderBy: { cardId: "asc" } });
    const statesBefore = await states();

    // Spanish arrives for a course students are already reviewing: same rows, same states.
    await importCourse(course);
    const cardsWithSpanish = await t.db.card.findMany({
      where: { phase: { slug: phase.slug } },
      orderBy: { key: "asc" },
    });
    expect(cardsWithSpanish.map((c) => c.id)).toEqual(cardsBefore.map((c) => c.id));
    expect(cardsWithSpanish.every((c) => JSON.parse(c.translations).es?.front)).toBe(true);
    expect(cardsWithSpanish.every((c) => c.retiredAt === null)).toBe(true);
    expect(await states()).toEqual(statesBefore);
    expect(await t.db.card.count()).toBe(course.reduce((n, p) => n + p.cards.length, 0));

    // And leaves again: still the same rows and states.
    await importCourse(english);
    const cardsAfter = await t.db.card.findMany({ where: { phase: { slug: phase.slug } }, orderBy: { key: "asc" } });
    expect(cardsAfter.map((c) => [c.id, c.translations, c.retiredAt])).toEqual(
      cardsBefore.map((c) => [c.id, "{}", null]),
    );
    expect(await states()).toEqual(statesBefore);
    await importCourse(course);
  });

  it("shows each item in Spanish when it has a translation and in English when it has none", async () => {
    const [logs] = course;
    const es = logs!.translations.es!;
    const [untranslatedCard, translatedCard] = [logs!.cards[1]!, logs!.cards[0]!];
    const [translatedQ, untranslatedQ] = [logs!.questions[0]!, logs!.questions[1]!];
    const partial = course.map((p, i) =>
      i === 0
        ? {
            ...p,
            translations: {
              es: {
                ...es,
                cards: Object.fromEntries(Object.entries(es.cards).filter(([id]) => id !== untranslatedCard.id)),
                questions: Object.fromEntries(Object.entries(es.questions).filter(([id]) => id !== untranslatedQ.id)),
              },
            },
          }
        : p,
    );
    await importCourse(partial);
    const { user } = await createActiveUser();

    const phase = (await getPhase(logs!.number, "es"))!;
    expect(phase.title).toBe(es.phase!.title);
    expect(phase.body).toBe(es.phase!.body);
    const front = (id: string) => phase.cards[logs!.cards.findIndex((c) => c.id === id)]!.front;
    expect(front(translatedCard.id)).toBe(es.cards[translatedCard.id]!.front);
    expect(front(untranslatedCard.id)).toBe(untranslatedCard.front);
    // Each item says which language its text is in, so pages can mark the English ones.
    const lang = (id: string) => phase.cards[logs!.cards.findIndex((c) => c.id === id)]!.lang;
    expect([phase.lang, lang(translatedCard.id), lang(untranslatedCard.id)]).toEqual(["es", "es", "en"]);
    expect((await getPhase(logs!.number, "en"))!.title).toBe(logs!.title);
    // A phase without any Spanish reads in English.
    expect((await getPhase(course[2]!.number, "es"))!).toMatchObject({ title: course[2]!.title, lang: "en" });
    expect(await phasePageTitle("01", undefined, "es")).toContain(es.phase!.title);

    const session = (await loadReviewSession(user, { phaseNumber: logs!.number, locale: "es" }))!;
    expect(session.phase?.title).toBe(es.phase!.title);
    expect(session.cards.map((c) => c.front)).toContain(es.cards[translatedCard.id]!.front);
    expect(session.cards.map((c) => c.front)).toContain(untranslatedCard.front);
    expect(session.cards.every((c) => c.phaseTitle === es.phase!.title && c.phaseLang === "es")).toBe(true);
    expect(session.cards.find((c) => c.front === untranslatedCard.front)?.lang).toBe("en");

    const sheet = (await loadExamSheet(user, logs!.number, new Date(), "es"))!;
    expect(sheet.phase.title).toBe(es.phase!.title);
    const byPosition = (i: number) => sheet.questions[i]!;
    expect(byPosition(0).prompt).toBe(es.questions[translatedQ.id]!.prompt);
    expect(byPosition(0).choices.map((c) => c.text)).toEqual(
      translatedQ.choices.map((c) => es.questions[translatedQ.id]!.choices[c.id]),
    );
    expect(byPosition(1).prompt).toBe(untranslatedQ.prompt);
    expect(byPosition(1).choices.map((c) => c.text)).toEqual(untranslatedQ.choices.map((c) => c.text));
    expect(sheet.questions.map((q) => q.lang).slice(0, 2)).toEqual(["es", "en"]);
    expect(JSON.stringify(sheet)).not.toMatch(/correct/);

    // Grading is language-blind; the result reads in the student's language.
    const answers = Object.fromEntries(sheet.questions.map((q) => [q.id, [q.choices[0]!.id]]));
    const { attemptId } = await submitExam(user, logs!.number, answers, sheet.startToken);
    const result = (await getAttemptResult(user, logs!.number, attemptId, "es"))!;
    expect(result.phase.title).toBe(es.phase!.title);
    expect(result.questions[0]).toMatchObject({
      prompt: es.questions[translatedQ.id]!.prompt,
      explanation: es.questions[translatedQ.id]!.explanation,
    });
    expect(result.questions[0]!.choices.map((c) => c.correct)).toEqual(translatedQ.choices.map((c) => c.correct));
    expect(result.questions[1]).toMatchObject({
      prompt: untranslatedQ.prompt,
      explanation: untranslatedQ.explanation,
      lang: "en",
    });
    expect((await getAttemptResult(user, logs!.number, attemptId, "en"))!.questions[0]!.prompt).toBe(
      translatedQ.prompt,
    );

    const dashboard = await studentDashboard(user.id, new Date(), "es");
    expect(dashboard.phases.map((p) => p.title)).toEqual(course.map((p) => p.translations.es?.phase?.title ?? p.title));
    expect(dashboard.phases.map((p) => p.lang)).toEqual(course.map((p) => (p.translations.es?.phase ? "es" : "en")));
    expect(dashboard.recent.find((a) => a.kind === "exam")).toMatchObject({ phaseTitle: es.phase!.title });
  });
});
