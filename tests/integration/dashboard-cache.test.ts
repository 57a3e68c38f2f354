// A worker keeps a student's dashboard rows while the student's data is unchanged,
// and a write by any other process (another worker, instance or script: here a
// second client with its own connection) shows on the very next dashboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { createDb } from "@/lib/db/client";
import { getMyDashboard, heatmapStart } from "@/lib/dashboard/progress";
import { studentRows } from "@/lib/dashboard/student-rows";
import { gradeCard } from "@/lib/review/grading";
import { startOfLocalDate } from "@/lib/time/zones";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let other: ReturnType<typeof createDb>;
let phase1: { id: string; cards: { id: string }[] };

beforeAll(async () => {
  await syncCourse();
  phase1 = await t.db.phase.findFirstOrThrow({
    where: { number: 1 },
    include: { cards: { orderBy: { position: "asc" } } },
  });
  other = createDb(t.url); // another worker's connection: nothing in this process's memory is shared with it
});
afterAll(async () => {
  await other.$disconnect();
});

const rowsOf = (userId: string, now: Date) =>
  studentRows(userId, startOfLocalDate("UTC", heatmapStart(now).toISOString().slice(0, 10)), "UTC", now);

describe("kept dashboard rows", () => {
  it("are reused while nothing changes, and read again after any write to the student's data", async () => {
    const { user } = await createActiveUser();
    const now = new Date();
    const first = await rowsOf(user.id, now);
    expect(await rowsOf(user.id, new Date(now.getTime() + 1000))).toBe(first);
    // An earlier moment is never answered from rows read later (its grade window is not covered).
    expect(await rowsOf(user.id, new Date(now.getTime() - 60_000))).not.toBe(first);

    await gradeCard(user, phase1.cards[0]!.id, 5, now);
    const graded = await rowsOf(user.id, new Date(now.getTime() + 2000));
    expect(graded).not.toBe(first);
    expect(graded.states).toHaveLength(1);
    expect(await rowsOf(user.id, new Date(now.getTime() + 3000))).toBe(graded);
  });

  it("a write made through another connection shows on the next dashboard", async () => {
    const { user } = await createActiveUser();
    const now = new Date();
    const card = phase1.cards[1]!.id;
    await gradeCard(user, card, 4, new Date(now.getTime() - 3 * 86_400_000));
    const before = await getMyDashboard(user, now);
    expect(before.phases[0]!.cardsLearned).toBe(1);
    expect(before.phases[0]!.journalWritten).toBe(false);

    // Review state: the card reset by hand, as an operator or another worker's undo would.
    await other.reviewState.updateMany({ where: { userId: user.id, cardId: card }, data: { repetitions: 0 } });
    expect((await getMyDashboard(user, now)).phases[0]!.cardsLearned).toBe(0);

    // A journal note saved on another worker.
    await other.note.create({
      data: {
        userId: user.id,
        phaseId: phase1.id,
        ciphertext: new Uint8Array([1, 2, 3]),
        iv: new Uint8Array(12),
        keyId: "k",
        sizeBytes: 3,
      },
    });
    expect((await getMyDashboard(user, now)).phases[0]!.journalWritten).toBe(true);

    // The daily limit changed on another worker: today's due count follows it.
    const limited = (await getMyDashboard(user, now)).dueToday;
    await other.user.update({ where: { id: user.id }, data: { newCardsPerDay: 2 } });
    expect((await getMyDashboard(user, now)).dueToday).toBe(limited - 18);

    // Deleting the state (a reset) counts the card as new again.
    const newBefore = (await getMyDashboard(user, now)).newCards;
    await other.reviewState.deleteMany({ where: { userId: user.id, cardId: card } });
    expect((await getMyDashboard(user, now)).newCards).toBe(newBefore + 1);
  });

  it("the 30-day retention and the desired retention follow writes elsewhere, and the window moves on its own", async () => {
    const { user } = await createActiveUser();
    const now = new Date("2026-05-20T12:00:00Z");
    const day = 86_400_000;
    // A review of a learned card, as another worker logs it (prevDueAt set: not a first grade).
    const logReview = (cardIndex: number, at: Date, rating: number) =>
      other.reviewLog.create({
        data: {
          userId: user.id,
          cardId: phase1.cards[cardIndex]!.id,
          grade: rating === 1 ? 1 : 4,
          rating,
          reviewedAt: at,
          prevRepetitions: 1,
          prevEasiness: 2.5,
          prevIntervalDays: 1,
          prevDueAt: new Date(at.getTime() - day),
          repetitions: 2,
          easiness: 2.5,
          intervalDays: 6,
          dueAt: new Date(at.getTime() + 6 * day),
        },
      });
    expect((await getMyDashboard(user, now)).retention30).toEqual({ count: 0, recalled: 0 });
    const oldest = new Date(now.getTime() - 29 * day); // leaves the window a day from now
    await logReview(3, oldest, 3);
    await logReview(4, new Date(now.getTime() - 2 * day), 1); // forgotten
    const both = await getMyDashboard(user, now);
    expect(both.retention30).toEqual({ count: 2, recalled: 1 });
    // Nothing written: a day later the oldest review has left the 30 days.
    const afterWindow = new Date(oldest.getTime() + 30 * day + 1);
    expect((await getMyDashboard(user, new Date(afterWindow.getTime() - 2))).retention30).toEqual({
      count: 2,
      recalled: 1,
    });
    expect((await getMyDashboard(user, afterWindow)).retention30).toEqual({ count: 1, recalled: 0 });
    // An undo on another worker takes its review out at once.
    await other.reviewLog.updateMany({ where: { userId: user.id }, data: { undoneAt: now } });
    expect((await getMyDashboard(user, afterWindow)).retention30).toEqual({ count: 0, recalled: 0 });

    // The desired retention, changed on another worker (the simulator starts from it).
    expect(both.desiredRetention).toBe(0.9);
    await other.user.update({ where: { id: user.id }, data: { desiredRetention: 0.85 } });
    expect((await getMyDashboard(user, afterWindow)).desiredRetention).toBe(0.85);
  });

  it("what depends on the clock is computed per request from kept rows", async () => {
    const { user } = await createActiveUser();
    const gradedAt = new Date("2026-03-14T10:00:00Z");
    await gradeCard(user, phase1.cards[2]!.id, 1, gradedAt); // failed: due again tomorrow, re-drilled today
    const soon = await getMyDashboard(user, new Date(gradedAt.getTime() + 3600_000));
    expect(soon.due).toMatchObject({ total: 20, redrills: 1 }); // 19 new cards left today and the re-drill
    expect(soon.forecast[1]!.count).toBe(1);
    // Two days on, from the same kept rows (nothing was written): the re-drill window
    // has passed, the card is a due review, and today's new-card budget is whole again.
    const later = await getMyDashboard(user, new Date(gradedAt.getTime() + 2 * 86_400_000));
    expect(later.due).toMatchObject({ total: 21, redrills: 0 }); // 20 new cards and the due review
    expect(later.forecast.slice(1).every((d) => d.count === 0)).toBe(true);
  });
});
