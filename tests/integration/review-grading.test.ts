// Grading, re-drills and undo against a real migrated database and the sample course.
import { beforeAll, describe, expect, it } from "vitest";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";
import { setNewCardsPerDay } from "@/lib/review/daily-new-cards";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];
const DAY = 86_400_000;

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
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
    // The course has more cards than a day's default limit of new ones.
    expect(total).toBeGreaterThan(20);
    expect(all!.cards).toHaveLength(20);
    expect(all!.newCards).toMatchObject({ limit: 20, introducedToday: 0, held: total - 20 });
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

  it("introduces at most the student's daily limit of new cards; an undo gives the slot back", async () => {
    const { user } = await createActiveUser();
    await setNewCardsPerDay(user, 3);
    const morning = new Date();
    morning.setUTCHours(8, 0, 0, 0);
    const first = await loadReviewSession(user, { phaseNumber: 1 }, morning);
    expect(first!.cards.map((c) => c.id)).toEqual([card(0), card(1), card(2)]);
    expect(first!.newCards).toMatchObject({ limit: 3, introducedToday: 0, held: 7 });

    await gradeCard(user, card(0), 5, morning);
    await gradeCard(user, card(1), 1, morning); // failed: re-drilled, still one new card
    const later = new Date(morning.getTime() + 60_000);
    const after = await loadReviewSession(user, { phaseNumber: 1 }, later);
    expect(after!.newCards).toMatchObject({ introducedToday: 2, allowance: 1, held: 7 });
    expect(after!.cards.filter((c) => c.isNew).map((c) => c.id)).toEqual([card(2)]);
    expect(after!.cards.find((c) => c.redrill)?.id).toBe(card(1));

    const { logId } = await gradeCard(user, card(2), 4, later);
    await undoLastGrade(user, logId, later);
    expect((await loadReviewSession(user, { phaseNumber: 1 }, later))!.newCards).toMatchObject({ introducedToday: 2 });

    // The next UTC day brings a fresh allowance.
    const tomorrow = await loadReviewSession(user, { phaseNumber: 1 }, new Date(morning.getTime() + DAY));
    expect(tomorrow!.newCards).toMatchObject({ introducedToday: 0, allowance: 3 });
    expect(tomorrow!.cards.filter((c) => c.isNew)).toHaveLength(3);
  });

  it("takes a limit from 0 to 500 from the student only", async () => {
    const { user } = await createActiveUser();
    expect(await setNewCardsPerDay(user, 0)).toBe(0);
    expect((await loadReviewSession(user))!.cards).toHaveLength(0);
    await expect(setNewCardsPerDay(user, 501)).rejects.toMatchObject({ kind: "invalid", field: "newCardsPerDay" });
    await expect(setNewCardsPerDay(user, 2.5)).rejects.toMatchObject({ kind: "invalid" });
    const admin = await createActiveUser("admin");
    await expect(setNewCardsPerDay(admin.user, 5)).rejects.toMatchObject({ kind: "forbidden" });
  });
});
