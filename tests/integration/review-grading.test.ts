// Grading, re-drills and undo against a real migrated database and the sample course.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];
const DAY = 86_400_000;

beforeAll(async () => {
  await syncCourse();
  const phase1 = await t.db.phase.findFirstOrThrow({
    where: { number: 1 },
    include: { cards: { orderBy: { position: "asc" } } },
  });
  cardIds = phase1.cards.map((c) => c.id);
});

const card = (i: number) => cardIds[i] as string;
const stateOf = (userId: string, cardId: string) =>
  t.db.reviewState.findUnique({ where: { userId_cardId: { userId, cardId } } });

describe("grading", () => {
  it("a first grade creates the state, and its undo makes the card new again", async () => {
    const { user } = await createActiveUser();
    const now = new Date("2026-03-14T09:30:00Z");
    const r = await gradeCard(user, card(0), 5, now);
    expect(r).toMatchObject({ redrill: false, needsRedrill: false, intervalDays: 1 });
    expect(await stateOf(user.id, card(0))).toMatchObject({
      repetitions: 1,
      easiness: 2.6,
      intervalDays: 1,
      dueAt: new Date("2026-03-15T00:00:00Z"),
      lastReviewedAt: now,
    });
    await undoLastGrade(user, r.logId, now);
    expect(await stateOf(user.id, card(0))).toBeNull();
    expect((await t.db.reviewLog.findUniqueOrThrow({ where: { id: r.logId } })).undoneAt).not.toBeNull();
  });

  it("undo restores the exact previous state of a reviewed card", async () => {
    const { user } = await createActiveUser();
    let now = new Date("2026-03-01T08:00:00Z");
    for (const grade of [5, 4, 3]) {
      await gradeCard(user, card(1), grade, now);
      const s = await stateOf(user.id, card(1));
      now = new Date(s!.dueAt.getTime() + 3 * 3600_000);
    }
    const before = await stateOf(user.id, card(1));
    expect(before).toMatchObject({ repetitions: 3, easiness: 2.46, intervalDays: 16 });
    const r = await gradeCard(user, card(1), 1, now);
    expect(await stateOf(user.id, card(1))).toMatchObject({ repetitions: 0, intervalDays: 1, easiness: 1.92 });
    await undoLastGrade(user, r.logId, now);
    expect(await stateOf(user.id, card(1))).toEqual(before);
  });

  it("grades below 4 are re-drilled in the session without changing the schedule", async () => {
    const { user } = await createActiveUser();
    const now = new Date("2026-03-14T10:00:00Z");
    const failed = await gradeCard(user, card(2), 2, now);
    expect(failed.needsRedrill).toBe(true);
    const scheduled = await stateOf(user.id, card(2));

    const session = await loadReviewSession(user, { phaseNumber: 1 }, new Date(now.getTime() + 60_000));
    expect(session!.cards.find((c) => c.id === card(2))).toMatchObject({ redrill: true });

    const again = await gradeCard(user, card(2), 3, new Date(now.getTime() + 120_000));
    expect(again).toMatchObject({ redrill: true, needsRedrill: true });
    const passed = await gradeCard(user, card(2), 4, new Date(now.getTime() + 180_000));
    expect(passed).toMatchObject({ redrill: true, needsRedrill: false });
    expect(await stateOf(user.id, card(2))).toEqual(scheduled);

    // Done re-drilling: the card is not due and is refused until tomorrow.
    await expect(gradeCard(user, card(2), 5, new Date(now.getTime() + 240_000))).rejects.toThrow(
      /not due until 2026-03-15/,
    );
    const later = await loadReviewSession(user, { phaseNumber: 1 }, new Date(now.getTime() + 300_000));
    expect(later!.cards.map((c) => c.id)).not.toContain(card(2));
    expect(later!.nextDueAt).toEqual(new Date("2026-03-15T00:00:00Z"));

    // Undoing a re-drill leaves the schedule alone and re-opens the re-drill.
    await undoLastGrade(user, passed.logId, new Date(now.getTime() + 360_000));
    expect(await stateOf(user.id, card(2))).toEqual(scheduled);
    const reopened = await gradeCard(user, card(2), 5, new Date(now.getTime() + 420_000));
    expect(reopened.redrill).toBe(true);
  });

  it("only the latest grade of the student can be undone", async () => {
    const a = await createActiveUser();
    const b = await createActiveUser();
    const now = new Date("2026-03-14T11:00:00Z");
    const first = await gradeCard(a.user, card(3), 4, now);
    const second = await gradeCard(a.user, card(4), 4, new Date(now.getTime() + 1000));
    await expect(undoLastGrade(a.user, first.logId)).rejects.toMatchObject({ kind: "conflict" });
    await expect(undoLastGrade(b.user, second.logId)).rejects.toMatchObject({ kind: "conflict" });
    await undoLastGrade(a.user, second.logId);
    await undoLastGrade(a.user, first.logId);
    expect(await t.db.reviewState.count({ where: { userId: a.user.id } })).toBe(0);
  });

  it("rejects invalid grades, unknown and retired cards, and admins", async () => {
    const { user } = await createActiveUser();
    await expect(gradeCard(user, card(5), 6)).rejects.toMatchObject({ kind: "invalid" });
    await expect(gradeCard(user, card(5), 2.5)).rejects.toMatchObject({ kind: "invalid" });
    await expect(gradeCard(user, "no-such-card", 4)).rejects.toThrow(/no longer part/);
    await t.db.card.update({ where: { id: card(9) }, data: { retiredAt: new Date() } });
    await expect(gradeCard(user, card(9), 4)).rejects.toThrow(/no longer part/);
    const admin = await createActiveUser("admin");
    await expect(gradeCard(admin.user, card(5), 4)).rejects.toMatchObject({ kind: "forbidden" });
    await t.db.card.update({ where: { id: card(9) }, data: { retiredAt: null } });
  });
});

describe("review session", () => {
  it("lists new and due cards, filtered by phase, and leaves retired cards out", async () => {
    const { user } = await createActiveUser();
    const all = await loadReviewSession(user);
    const total = await t.db.card.count({ where: { retiredAt: null, phase: { retiredAt: null } } });
    expect(all!.cards).toHaveLength(total);
    expect(all!.cards.every((c) => c.isNew)).toBe(true);
    expect(all!.nextDueAt).toBeNull();

    const p1 = await loadReviewSession(user, { phaseNumber: 1 });
    expect(p1!.phase).toMatchObject({ number: 1 });
    expect(p1!.cards).toHaveLength(10);
    expect(await loadReviewSession(user, { phaseNumber: 99 })).toBeNull();
    const admin = await createActiveUser("admin");
    await expect(loadReviewSession(admin.user)).rejects.toMatchObject({ kind: "forbidden" });

    await t.db.card.update({ where: { id: card(8) }, data: { retiredAt: new Date() } });
    expect((await loadReviewSession(user, { phaseNumber: 1 }))!.cards.map((c) => c.id)).not.toContain(card(8));
    await t.db.card.update({ where: { id: card(8) }, data: { retiredAt: null } });

    // A graded card comes back on its due date, before new cards.
    const now = new Date();
    await gradeCard(user, card(0), 5, now);
    const soon = await loadReviewSession(user, { phaseNumber: 1 }, now);
    expect(soon!.cards.map((c) => c.id)).not.toContain(card(0));
    const tomorrow = await loadReviewSession(user, { phaseNumber: 1 }, new Date(now.getTime() + 2 * DAY));
    expect(tomorrow!.cards[0]).toMatchObject({ id: card(0), isNew: false });
  });
});
