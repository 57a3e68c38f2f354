import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCourse, type CoursePhase } from "@/lib/content/course-files";
import { importCourse } from "@/lib/content/import";
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
});
