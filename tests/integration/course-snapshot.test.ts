// The course is loaded once per content version and every change is seen by the
// next read: an import that edits a card, a retirement written by hand.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCourse, type CoursePhase } from "@/lib/content/course-files";
import { courseSnapshot } from "@/lib/content/course-snapshot";
import { getPhase } from "@/lib/content/phases";
import { importCourse } from "@/lib/content/import";
import { activeQuestions } from "@/lib/exams/questions";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("course snapshot", () => {
  const t = useTestDb();
  const course: CoursePhase[] = readCourse(path.resolve("content"));

  it("is reused while the content is unchanged and follows every change", async () => {
    await importCourse(course);
    const student = await createActiveUser();
    const first = await courseSnapshot();
    expect(first.phases.map((p) => p.number)).toEqual(course.map((p) => p.number).sort((a, b) => a - b));
    expect(await courseSnapshot()).toBe(first); // same content version: not loaded again

    // An import that edits a card is a new version (it writes only that card's row).
    const phase = course[0]!;
    const edited = course.map((p, i) =>
      i === 0 ? { ...p, cards: [{ ...p.cards[0]!, back: "An edited answer." }, ...p.cards.slice(1)] } : p,
    );
    await importCourse(edited);
    const afterEdit = await getPhase(phase.number);
    expect(afterEdit!.cards[0]!.back).toBe("An edited answer.");

    // A change made outside the import (another process, an operator) is seen too.
    const card = await t.db.card.findUniqueOrThrow({ where: { key: `${phase.slug}/${phase.cards[1]!.id}` } });
    await t.db.card.update({ where: { id: card.id }, data: { retiredAt: new Date() } });
    expect((await getPhase(phase.number))!.cards.map((c) => c.id)).not.toContain(card.id);
    expect((await loadReviewSession(student, { phaseNumber: phase.number }))!.cards.map((c) => c.id)).not.toContain(
      card.id,
    );
    await t.db.card.update({ where: { id: card.id }, data: { retiredAt: null } });
    expect((await getPhase(phase.number))!.cards.map((c) => c.id)).toContain(card.id);

    await t.db.phase.update({ where: { number: phase.number }, data: { title: "Renamed by hand" } });
    expect((await getPhase(phase.number))!.title).toBe("Renamed by hand");

    // Plain SQL (an operator in sqlite3 or psql) changes the version through the database's triggers.
    const version = (await courseSnapshot()).version;
    await t.db.$executeRawUnsafe(`UPDATE "Phase" SET "summary" = 'Edited in SQL' WHERE "number" = ${phase.number}`);
    expect((await getPhase(phase.number))!.summary).toBe("Edited in SQL");
    expect((await courseSnapshot()).version).not.toBe(version);
    const another = await t.db.card.findUniqueOrThrow({ where: { key: `${phase.slug}/${phase.cards[2]!.id}` } });
    await t.db.$executeRawUnsafe(`DELETE FROM "Card" WHERE "id" = '${another.id}'`);
    expect((await getPhase(phase.number))!.cards.map((c) => c.id)).not.toContain(another.id);
  });

  it("serves exam questions from the snapshot, parsed once per version, and follows edits and retirements", async () => {
    await importCourse(course);
    const phaseId = (await getPhase(course[0]!.number))!.id;
    const first = await activeQuestions(phaseId);
    expect(first.length).toBe(course[0]!.questions.length);
    first.reverse(); // a caller's own array: reordering it leaves the next request's alone
    expect((await activeQuestions(phaseId))[0]!.id).toBe(first.at(-1)!.id);

    const stored = await t.db.examQuestion.findFirstOrThrow({ where: { phaseId }, orderBy: { position: "asc" } });
    await t.db.examQuestion.update({ where: { id: stored.id }, data: { prompt: "Edited by hand?" } });
    expect((await activeQuestions(phaseId))[0]!.prompt).toBe("Edited by hand?");
    await t.db.examQuestion.update({ where: { id: stored.id }, data: { retiredAt: new Date() } });
    expect((await activeQuestions(phaseId)).map((q) => q.id)).not.toContain(stored.id);
    expect(await activeQuestions("no-such-phase")).toEqual([]);
  });
});
