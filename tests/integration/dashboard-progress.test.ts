// The dashboard figures and the audited admin view, from real rows.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { viewStudentProgress } from "@/lib/admin/progress";
import { syncCourse } from "@/lib/content/sync";
import { getMyDashboard, heatmapStart, studentDashboard } from "@/lib/dashboard/progress";
import { loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { gradeCard } from "@/lib/review/grading";
import { seal } from "@/lib/vault";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let totalCards: number;
let phase1: { id: string; cards: { id: string }[] };

beforeAll(async () => {
  await syncCourse();
  totalCards = await t.db.card.count({ where: { retiredAt: null, phase: { retiredAt: null } } });
  phase1 = await t.db.phase.findFirstOrThrow({
    where: { number: 1 },
    include: { cards: { orderBy: { position: "asc" } } },
  });
});

describe("student dashboard", () => {
  it("a new student has every card due today and nothing else", async () => {
    const { user } = await createActiveUser();
    const d = (await getMyDashboard(user))!;
    expect(d.dueToday).toBe(20); // the daily limit of new cards
    expect(d.newCards).toBe(totalCards);
    expect(d.forecast).toHaveLength(14);
    expect(d.forecast.slice(1).every((f) => f.count === 0)).toBe(true);
    expect(d.heatmap).toHaveLength(26 * 7 - 6 + ((new Date().getUTCDay() + 6) % 7));
    expect(d.heatmap[0]!.day.getUTCDay()).toBe(1);
    expect(d.totalReviews).toBe(0);
    expect(d.phases.length).toBeGreaterThanOrEqual(6);
    expect(d.phases[0]).toMatchObject({
      number: 1,
      cardCount: 10,
      cardsLearned: 0,
      journalWritten: false,
      bestScore: null,
      attempts: 0,
      passed: false,
    });
    expect(d.recent).toEqual([]);
  });

  it("reflects reviews, the forecast, exams and journal status", async () => {
    const { user } = await createActiveUser();
    const now = new Date("2026-03-14T10:00:00Z");
    const [c0, c1, c2] = phase1.cards.map((c) => c.id);
    await gradeCard(user, c0!, 5, new Date("2026-03-13T09:00:00Z")); // due 03-14, then reviewed again below
    await gradeCard(user, c0!, 5, now); // interval 6 → due 03-20
    await gradeCard(user, c1!, 4, now); // interval 1 → due 03-15
    await gradeCard(user, c2!, 1, now); // failure: due 03-15, not learned
    await gradeCard(user, c2!, 4, new Date(now.getTime() + 60_000)); // re-drill: counted as a review, schedule unchanged

    const sheet = await loadExamSheet(user, 1, now);
    await submitExam(user, 1, {}, sheet!.startToken, new Date(now.getTime() + 60_000));
    const questions = await t.db.examQuestion.findMany({ where: { phaseId: phase1.id, retiredAt: null } });
    const all = Object.fromEntries(
      questions.map((q) => [
        q.id,
        (JSON.parse(q.choicesJson) as { id: string; correct?: boolean }[]).filter((c) => c.correct).map((c) => c.id),
      ]),
    );
    const retake = await loadExamSheet(user, 1, new Date(now.getTime() + 90_000));
    const best = await submitExam(user, 1, all, retake!.startToken, new Date(now.getTime() + 120_000));

    const noteId = randomUUID();
    const sealed = await seal({ ownerId: user.id, table: "Note", rowId: noteId }, "my private journal PLANTED-note");
    await t.db.note.create({
      data: {
        id: noteId,
        userId: user.id,
        phaseId: phase1.id,
        ciphertext: new Uint8Array(sealed.ciphertext),
        iv: new Uint8Array(sealed.iv),
        keyId: sealed.keyId,
        format: sealed.format,
        sizeBytes: 31,
      },
    });

    const d = await studentDashboard(user.id, new Date(now.getTime() + 180_000));
    expect(d.phases[0]).toMatchObject({
      cardsLearned: 2,
      journalWritten: true,
      bestScore: 1,
      attempts: 2,
      passed: true,
    });
    expect(d.newCards).toBe(totalCards - 3);
    expect(d.dueToday).toBe(20 - 2); // c1 and c2 took two of today's 20 new cards (c0 was new yesterday)
    expect(d.forecast[1]).toMatchObject({ day: new Date("2026-03-15T00:00:00Z"), count: 2 });
    expect(d.forecast[6]).toMatchObject({ day: new Date("2026-03-20T00:00:00Z"), count: 1 });
    expect(d.reviewsToday).toBe(4);
    expect(d.totalReviews).toBe(5);
    const yesterday = d.heatmap.find((h) => h.day.getTime() === Date.UTC(2026, 2, 13));
    expect(yesterday?.count).toBe(1);
    expect(d.heatmap[0]!.day).toEqual(heatmapStart(now));
    expect(d.recent[0]).toMatchObject({ kind: "journal" });
    expect(d.recent.find((a) => a.kind === "exam")).toMatchObject({
      kind: "exam",
      attemptId: best.attemptId,
      score: 1,
      passed: true,
    });
    expect(d.recent.filter((a) => a.kind === "reviews").map((a) => a.kind === "reviews" && a.count)).toEqual([4, 1]);
    expect(JSON.stringify(d)).not.toContain("PLANTED-note");
  });

  it("an undone grade disappears from the history", async () => {
    const { user } = await createActiveUser();
    const r = await gradeCard(user, phase1.cards[0]!.id, 5);
    expect((await studentDashboard(user.id)).reviewsToday).toBe(1);
    const { undoLastGrade } = await import("@/lib/review/grading");
    await undoLastGrade(user, r.logId);
    const d = await studentDashboard(user.id);
    expect(d.reviewsToday).toBe(0);
    expect(d.newCards).toBe(totalCards);
  });
});

describe("admin student view", () => {
  it("shows one student's progress and audits each view with the request id", async () => {
    const admin = await createActiveUser("admin");
    const { user } = await createActiveUser();
    await gradeCard(user, phase1.cards[0]!.id, 5);
    const view = await viewStudentProgress(admin.user, user.id, "req-123");
    expect(view?.student).toMatchObject({ id: user.id, email: user.email });
    expect(view?.dashboard.phases[0]?.cardsLearned).toBe(1);
    await viewStudentProgress(admin.user, user.id, "req-124");
    const rows = await t.db.eventLog.findMany({
      where: { action: "student.viewed", targetId: user.id },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.actorId, r.targetType, r.requestId])).toEqual([
      [admin.id, "user", "req-123"],
      [admin.id, "user", "req-124"],
    ]);
  });

  it("unknown ids and admins are not students; non-admins are refused", async () => {
    const admin = await createActiveUser("admin");
    const { user } = await createActiveUser();
    expect(await viewStudentProgress(admin.user, "no-such-id", null)).toBeNull();
    expect(await viewStudentProgress(admin.user, admin.id, null)).toBeNull();
    await expect(viewStudentProgress(user, user.id, null)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(getMyDashboard(admin.user)).rejects.toMatchObject({ kind: "forbidden" });
    expect(
      await t.db.eventLog.count({
        where: { action: "student.viewed", targetId: { in: ["no-such-id", admin.id, user.id] } },
      }),
    ).toBe(0);
  });
});
