// Exam settings enforced on the server: the attempt limit, the opening window,
// the time limit with its grace and a student's extra time, and the shuffle.
// A refused submission stores nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { setExamAccommodation } from "@/lib/exams/admin";
import { examOverview, loadExamSheet, startExam, submitExam } from "@/lib/exams/attempts";
import { createActiveUser } from "../helpers/fixtures";
import { answersOf, configureExam } from "../helpers/exams";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let admin: Awaited<ReturnType<typeof createActiveUser>>;
const minutes = (base: Date, m: number, s = 0) => new Date(base.getTime() + m * 60_000 + s * 1000);

beforeAll(async () => {
  await syncCourse();
  admin = await createActiveUser("admin");
});

async function stored(userId: string) {
  return {
    attempts: await t.db.examAttempt.count({ where: { userId } }),
    submittedStarts: await t.db.examStart.count({ where: { userId, submittedAt: { not: null } } }),
  };
}

describe("attempt limit", () => {
  it("spends an attempt at each start, refuses a start beyond the limit, and a forged resubmission", async () => {
    await configureExam(admin.user, 2, { attempts: 2 });
    const { right } = await answersOf(t, 2);
    const { user } = await createActiveUser();
    // Starting spends an attempt, so opening the page does not start one.
    expect(await loadExamSheet(user, 2)).toBeNull();
    expect((await examOverview(user, 2))!.state).toMatchObject({ startsOnOpen: false, remaining: 2, used: 0 });

    const first = await startExam(user, 2);
    // A reload, or a second press, resumes the attempt under way.
    expect(await startExam(user, 2)).toEqual(first);
    expect((await loadExamSheet(user, 2))!.startToken).toBe(first.attemptId);
    await submitExam(user, 2, right, first.attemptId);
    const second = await startExam(user, 2);
    await submitExam(user, 2, right, second.attemptId);

    await expect(startExam(user, 2)).rejects.toMatchObject({ kind: "conflict", key: "examNoAttemptsLeft" });
    await expect(submitExam(user, 2, right, second.attemptId)).rejects.toMatchObject({ key: "examAlreadySubmitted" });
    expect(await stored(user.id)).toEqual({ attempts: 2, submittedStarts: 2 });
    expect((await examOverview(user, 2))!.state).toMatchObject({ remaining: 0, refusal: "noAttemptsLeft" });
  });

  it("two starts racing for the last attempt make one attempt", async () => {
    await configureExam(admin.user, 2, { attempts: 1 });
    const { user } = await createActiveUser();
    const [a, b] = await Promise.all([startExam(user, 2), startExam(user, 2)]);
    expect(a.attemptId).toBe(b.attemptId);
    expect(await t.db.examStart.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("opening window", () => {
  it("refuses to start before opensAt and after closesAt", async () => {
    const now = new Date();
    const { user } = await createActiveUser();
    await configureExam(admin.user, 3, { opensAt: minutes(now, 60) });
    expect(await loadExamSheet(user, 3, now)).toBeNull();
    await expect(startExam(user, 3, now)).rejects.toMatchObject({ key: "examNotYetOpen" });
    await configureExam(admin.user, 3, { closesAt: minutes(now, -1) });
    await expect(startExam(user, 3, now)).rejects.toMatchObject({ key: "examClosed" });
    expect(await t.db.examStart.count({ where: { userId: user.id } })).toBe(0);
  });

  it("takes answers up to 30 s after closing, and refuses them later, storing nothing", async () => {
    const { right } = await answersOf(t, 3);
    const t0 = new Date();
    await configureExam(admin.user, 3, { closesAt: minutes(t0, 10) });
    const onTime = await createActiveUser();
    const sheet = await loadExamSheet(onTime.user, 3, t0);
    await expect(submitExam(onTime.user, 3, right, sheet!.startToken, minutes(t0, 10, 29))).resolves.toMatchObject({
      score: 1,
    });
    const late = await createActiveUser();
    const lateSheet = await loadExamSheet(late.user, 3, t0);
    await expect(submitExam(late.user, 3, right, lateSheet!.startToken, minutes(t0, 10, 31))).rejects.toMatchObject({
      key: "examClosed",
      message: expect.stringMatching(/closed\. Nothing was saved/),
    });
    expect(await stored(late.user.id)).toEqual({ attempts: 0, submittedStarts: 0 });
  });
});

describe("time limit", () => {
  it("accepts answers within the limit plus 30 s of grace and refuses them after, storing nothing", async () => {
    await configureExam(admin.user, 4, { timeLimitMinutes: 10 });
    const { right } = await answersOf(t, 4);
    const t0 = new Date();
    const a = await createActiveUser();
    const started = await startExam(a.user, 4, t0);
    expect((await loadExamSheet(a.user, 4, minutes(t0, 5)))!.deadline).toEqual(minutes(t0, 10));
    await expect(submitExam(a.user, 4, right, started.attemptId, minutes(t0, 10, 30))).resolves.toMatchObject({
      score: 1,
    });

    const b = await createActiveUser();
    const late = await startExam(b.user, 4, t0);
    await expect(submitExam(b.user, 4, right, late.attemptId, minutes(t0, 10, 31))).rejects.toMatchObject({
      key: "examTimeUp",
    });
    expect(await stored(b.user.id)).toEqual({ attempts: 0, submittedStarts: 0 });
    // The attempt that ran out counts as used, and is not under way any more.
    expect((await examOverview(b.user, 4, minutes(t0, 11)))!.state).toMatchObject({ used: 1, live: null });
  });

  it("stretches the limit by the student's extra time (audited), and never past closing", async () => {
    await configureExam(admin.user, 4, { timeLimitMinutes: 10 });
    const { right } = await answersOf(t, 4);
    const { user } = await createActiveUser();
    await setExamAccommodation(admin.user, user.id, 1.5, "req-accommodation");
    const event = await t.db.eventLog.findFirstOrThrow({
      where: { action: "student.exam_accommodation", targetId: user.id },
    });
    expect(event).toMatchObject({ actorId: admin.id, requestId: "req-accommodation" });
    expect(JSON.parse(event.detail!)).toEqual({ from: 1, to: 1.5 });

    const t0 = new Date();
    const started = await startExam(user, 4, t0);
    expect((await loadExamSheet(user, 4, t0))!.deadline).toEqual(minutes(t0, 15));
    await expect(submitExam(user, 4, right, started.attemptId, minutes(t0, 14))).resolves.toMatchObject({ score: 1 });

    await configureExam(admin.user, 4, { timeLimitMinutes: 10, closesAt: minutes(t0, 60 + 8) });
    const next = await startExam(user, 4, minutes(t0, 60));
    expect((await loadExamSheet(user, 4, minutes(t0, 60)))!.deadline).toEqual(minutes(t0, 68));
    await expect(submitExam(user, 4, right, next.attemptId, minutes(t0, 69))).rejects.toMatchObject({
      key: "examClosed",
    });

    await expect(setExamAccommodation(admin.user, user.id, 5)).rejects.toMatchObject({ key: "accommodationRange" });
    await expect(setExamAccommodation(user, user.id, 2)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("shuffle", () => {
  const orderOf = (sheet: Awaited<ReturnType<typeof loadExamSheet>>) =>
    sheet!.questions.map((q) => `${q.id}:${q.choices.map((c) => c.id).join("")}`).join(" ");

  it("is stable within an attempt, differs across attempts and students, and grading goes by id", async () => {
    await configureExam(admin.user, 5, { shuffleQuestions: true, shuffleChoices: true });
    const { right, questionIds } = await answersOf(t, 5);
    const a = await createActiveUser();
    const first = await loadExamSheet(a.user, 5);
    expect(orderOf(await loadExamSheet(a.user, 5))).toBe(orderOf(first));
    expect(first!.questions.map((q) => q.id).sort()).toEqual([...questionIds].sort());
    expect(first!.questions.map((q) => q.id)).not.toEqual(questionIds);
    expect(JSON.stringify(first)).not.toMatch(/correct/);
    await expect(submitExam(a.user, 5, right, first!.startToken)).resolves.toMatchObject({ score: 1 });

    const retake = await loadExamSheet(a.user, 5);
    expect(retake!.startToken).not.toBe(first!.startToken);
    expect(orderOf(retake)).not.toBe(orderOf(first));
    const b = await createActiveUser();
    expect(orderOf(await loadExamSheet(b.user, 5))).not.toBe(orderOf(first));
    const seeds = await t.db.examStart.findMany({ where: { userId: { in: [a.user.id, b.user.id] } } });
    expect(new Set(seeds.map((s) => s.seed)).size).toBe(3);
  });
});
