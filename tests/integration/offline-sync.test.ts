// Offline grades sent later (lib/offline/sync.ts) against a real migrated database:
// idempotent by client id, applied at the time given, merged with grades from another
// device by replaying the card's log in time order, refusals stored and repeated.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { applyOfflineGrades } from "@/lib/offline/sync";
import type { OfflineGradeInput } from "@/lib/offline/sync-input";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";
import { DEFAULT_SETTINGS, replaySm2 } from "@/lib/review/fsrs";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];
const HOUR = 3600_000;
const translate = (key: string) => `msg:${key}`;

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
});

const card = (i: number) => cardIds[i] as string;
const grade = (cardId: string, answer: number, givenAt: Date, id = randomUUID()): OfflineGradeInput => ({
  id,
  cardId,
  answer,
  scale: "sm2",
  givenAt: givenAt.toISOString(),
  basis: { dueAt: null, repetitions: 0 },
});
const send = (user: Parameters<typeof applyOfflineGrades>[0], grades: OfflineGradeInput[], now: Date) =>
  applyOfflineGrades(user, { v: 1, grades }, translate, now);
const logsOf = (userId: string, cardId: string) =>
  t.db.reviewLog.findMany({ where: { userId, cardId }, orderBy: { reviewedAt: "asc" } });
const stateOf = (userId: string, cardId: string) =>
  t.db.reviewState.findUnique({ where: { userId_cardId: { userId, cardId } } });

describe("offline sync", () => {
  it("applies each grade at the time it was given, in order; a resend counts once", async () => {
    const { user } = await createActiveUser();
    const given = new Date("2026-03-14T08:00:00Z");
    const now = new Date(given.getTime() + 2 * HOUR);
    const batch = [grade(card(0), 5, given), grade(card(1), 4, new Date(given.getTime() + 60_000))];
    const first = await send(user, batch, now);
    expect(first.map((r) => r.status)).toEqual(["applied", "applied"]);
    const again = await send(user, batch, now);
    expect(again).toEqual([
      { id: batch[0]!.id, status: "duplicate", outcome: "applied" },
      { id: batch[1]!.id, status: "duplicate", outcome: "applied" },
    ]);
    const logs = await logsOf(user.id, card(0));
    expect(logs).toHaveLength(1);
    expect(logs[0]!.reviewedAt).toEqual(given);
    expect(await stateOf(user.id, card(0))).toMatchObject({ repetitions: 1, lastReviewedAt: given });
    expect(await t.db.offlineGrade.count({ where: { userId: user.id } })).toBe(2);
  });

  it("the same grade sent by two requests at once is applied once", async () => {
    const { user } = await createActiveUser();
    const given = new Date("2026-03-14T08:00:00Z");
    const g = grade(card(9), 4, given);
    const now = new Date(given.getTime() + HOUR);
    const [a, b] = await Promise.all([send(user, [g], now), send(user, [g], now)]);
    expect([a[0]!.status, b[0]!.status].sort()).toEqual(["applied", "duplicate"]);
    expect(await logsOf(user.id, card(9))).toHaveLength(1);
  });

  it("a repeated id inside one batch is applied once", async () => {
    const { user } = await createActiveUser();
    const given = new Date("2026-03-14T08:00:00Z");
    const g = grade(card(2), 5, given);
    const out = await send(user, [g, { ...g, id: g.id.toUpperCase() }], new Date(given.getTime() + HOUR));
    expect(out.map((r) => r.status)).toEqual(["applied", "duplicate"]);
    expect(await logsOf(user.id, card(2))).toHaveLength(1);
  });

  it("a card graded offline and online keeps both grades; its schedule is the replay of the log in time order", async () => {
    const { user } = await createActiveUser();
    const t0 = new Date("2026-03-01T09:00:00Z");
    await gradeCard(user, card(3), 5, t0); // both devices saw this
    const due = (await stateOf(user.id, card(3)))!.dueAt;
    const offlineAt = new Date(due.getTime() + 1 * HOUR); // phone, offline
    const onlineAt = new Date(due.getTime() + 3 * HOUR); // laptop, online, later
    await gradeCard(user, card(3), 3, onlineAt);
    const out = await send(user, [grade(card(3), 5, offlineAt)], new Date(onlineAt.getTime() + HOUR));
    expect(out[0]).toMatchObject({ status: "applied", merged: true });
    const logs = await logsOf(user.id, card(3));
    expect(logs.map((l) => [l.grade, l.reviewedAt.toISOString()])).toEqual([
      [5, t0.toISOString()],
      [5, offlineAt.toISOString()],
      [3, onlineAt.toISOString()],
    ]);
    const replayed = replaySm2(logs, { ...DEFAULT_SETTINGS, zone: "UTC" }).get(card(3))!;
    const state = (await stateOf(user.id, card(3)))!;
    // The most recent answer (online, grade 3) decides, starting from the offline grade's state.
    expect(state).toMatchObject({
      repetitions: replayed.repetitions,
      easiness: replayed.easiness,
      intervalDays: replayed.intervalDays,
      dueAt: replayed.dueAt,
      lastReviewedAt: onlineAt,
    });
    expect(state.repetitions).toBe(3);
    // Undoing the online grade would restore a state that ignores the merged grade: refused.
    const last = logs.at(-1)!;
    await expect(undoLastGrade(user, last.id, new Date(onlineAt.getTime() + 2 * HOUR))).rejects.toMatchObject({
      key: "undoAfterMerge",
    });
  });

  it("refuses retired and unknown cards, future and stale times, the wrong scale; a resend repeats the reason", async () => {
    const { user } = await createActiveUser();
    const now = new Date("2026-03-20T12:00:00Z");
    await t.db.card.update({ where: { id: card(4) }, data: { retiredAt: now } });
    try {
      const grades = [
        grade(card(4), 5, new Date(now.getTime() - HOUR)),
        grade("no-such-card", 5, new Date(now.getTime() - HOUR)),
        grade(card(5), 5, new Date(now.getTime() + HOUR)),
        grade(card(5), 5, new Date(now.getTime() - 31 * 24 * HOUR)),
        { ...grade(card(5), 3, new Date(now.getTime() - HOUR)), scale: "fsrs" as const },
      ];
      const out = await send(user, grades, now);
      expect(out.map((r) => (r.status === "refused" ? r.reason : r.status))).toEqual([
        "cardRetired",
        "cardRetired",
        "futureTime",
        "tooOld",
        "schedulerChanged",
      ]);
      expect(out[0]).toMatchObject({ message: "msg:cardRetired" });
      const again = await send(user, grades.slice(0, 1), now);
      expect(again[0]).toMatchObject({ status: "duplicate", outcome: "refused", reason: "cardRetired" });
      expect(await t.db.reviewLog.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await t.db.card.update({ where: { id: card(4) }, data: { retiredAt: null } });
    }
  });

  it("a card not due at the time given is refused unless it is a re-drill", async () => {
    const { user } = await createActiveUser();
    const t0 = new Date("2026-03-10T09:00:00Z");
    await gradeCard(user, card(6), 5, t0);
    await gradeCard(user, card(7), 2, t0);
    const out = await send(
      user,
      [grade(card(6), 4, new Date(t0.getTime() + HOUR)), grade(card(7), 5, new Date(t0.getTime() + HOUR))],
      new Date(t0.getTime() + 2 * HOUR),
    );
    expect(out[0]).toMatchObject({ status: "refused", reason: "cardNotDue" });
    expect(out[1]).toMatchObject({ status: "applied", redrill: true });
  });

  it("grades only ever touch the sender's own review state", async () => {
    const a = await createActiveUser();
    const b = await createActiveUser();
    const given = new Date("2026-03-14T08:00:00Z");
    const g = grade(card(8), 5, given);
    await send(a.user, [g], new Date(given.getTime() + HOUR));
    // The same client id from another account is that account's own grade, not a duplicate.
    const out = await send(b.user, [g], new Date(given.getTime() + HOUR));
    expect(out[0]).toMatchObject({ status: "applied" });
    expect(await t.db.reviewLog.count({ where: { userId: a.id } })).toBe(1);
    expect(await t.db.reviewLog.count({ where: { userId: b.id } })).toBe(1);
  });

  it("admins cannot send grades", async () => {
    const { user } = await createActiveUser("admin");
    await expect(send(user, [grade(card(0), 5, new Date())], new Date())).rejects.toMatchObject({ kind: "forbidden" });
  });
});
