// Exam settings as admins set them and students meet them: the course files'
// settings imported, an admin's override (only what differs, audited, admins
// only, validated) and when the correct answers reach a student — the result
// and the export carry none of them unless showAnswers allows it at that moment.
import { beforeAll, describe, expect, it } from "vitest";
import { readCourse } from "@/lib/content/course-files";
import { importCourse } from "@/lib/content/import";
import { syncCourse } from "@/lib/content/sync";
import { listExamSettings, resetExamSettings, updateExamSettings } from "@/lib/exams/admin";
import { getAttemptResult, loadExamSheet, startExam, submitExam } from "@/lib/exams/attempts";
import { effectiveSettings } from "@/lib/exams/starts";
import { mergeSettings } from "@/lib/exams/settings";
import { exportEntries } from "@/lib/export/collect";
import { createActiveUser } from "../helpers/fixtures";
import { answersOf, configureExam } from "../helpers/exams";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let admin: Awaited<ReturnType<typeof createActiveUser>>;

beforeAll(async () => {
  await syncCourse();
  admin = await createActiveUser("admin");
});

async function examsJson(user: Awaited<ReturnType<typeof createActiveUser>>["user"], now: Date) {
  const counts = { notes: 0, unreadableNotes: 0, reviews: 0, attempts: 0 };
  for await (const entry of exportEntries(user, counts, now))
    if (entry.name === "exams.json") return String(entry.content);
  throw new Error("no exams.json in the export");
}

describe("showAnswers", () => {
  it("never: the result and the export name the chosen answers only", async () => {
    await configureExam(admin.user, 6, { showAnswers: "never" });
    const { right, wrong } = await answersOf(t, 6);
    const phase = await t.db.phase.findFirstOrThrow({ where: { number: 6 }, include: { questions: true } });
    const { user } = await createActiveUser();
    const sheet = await loadExamSheet(user, 6);
    const { attemptId } = await submitExam(user, 6, wrong, sheet!.startToken);
    const result = (await getAttemptResult(user, 6, attemptId))!;
    expect(result).toMatchObject({ answersShown: false, showAnswers: "never" });
    expect(result.questions.length).toBe(Object.keys(right).length);
    for (const q of result.questions) {
      expect(q.correct).toBeNull();
      expect(q.explanation).toBe("");
      expect(q.choices.every((c) => !c.correct)).toBe(true);
      expect(q.chosen).toEqual(wrong[q.id]);
    }
    // No explanation text anywhere in what the page would get.
    const serialized = JSON.stringify(result);
    for (const q of phase.questions) if (q.explanation) expect(serialized).not.toContain(q.explanation.slice(0, 40));
    const exported = await examsJson(user, new Date());
    expect(exported).toContain("yourAnswers");
    expect(exported).not.toContain("correctAnswers");
  });

  it("after the last attempt: hidden until then, and while the last one is under way", async () => {
    await configureExam(admin.user, 6, { showAnswers: "after-last-attempt", attempts: 2 });
    const { right } = await answersOf(t, 6);
    const { user } = await createActiveUser();
    const first = await startExam(user, 6);
    await submitExam(user, 6, right, first.attemptId);
    expect((await getAttemptResult(user, 6, first.attemptId))!.answersShown).toBe(false);
    const last = await startExam(user, 6);
    expect((await getAttemptResult(user, 6, first.attemptId))!.answersShown).toBe(false);
    expect(await examsJson(user, new Date())).not.toContain("correctAnswers");
    await submitExam(user, 6, right, last.attemptId);
    const shown = (await getAttemptResult(user, 6, first.attemptId))!;
    expect(shown.answersShown).toBe(true);
    expect(shown.questions.every((q) => q.correct === true && q.choices.some((c) => c.correct))).toBe(true);
    expect(await examsJson(user, new Date())).toContain("correctAnswers");
  });

  it("after closing: hidden before closesAt, shown from then on", async () => {
    const now = new Date();
    const closesAt = new Date(now.getTime() + 3600_000);
    await configureExam(admin.user, 6, { showAnswers: "after-close", closesAt });
    const { right } = await answersOf(t, 6);
    const { user } = await createActiveUser();
    const sheet = await loadExamSheet(user, 6, now);
    const { attemptId } = await submitExam(user, 6, right, sheet!.startToken, now);
    expect((await getAttemptResult(user, 6, attemptId, "en", now))!.answersShown).toBe(false);
    expect((await getAttemptResult(user, 6, attemptId, "en", closesAt))!.answersShown).toBe(true);
  });

  it("after each attempt (the default): shown at once", async () => {
    await resetExamSettings(admin.user, 6);
    const { right } = await answersOf(t, 6);
    const { user } = await createActiveUser();
    const sheet = await loadExamSheet(user, 6);
    const { attemptId } = await submitExam(user, 6, right, sheet!.startToken);
    expect((await getAttemptResult(user, 6, attemptId))!.answersShown).toBe(true);
  });
});

describe("admin override", () => {
  it("keeps only what differs from the course files, audits each change and each reset", async () => {
    const before = await t.db.eventLog.count();
    await updateExamSettings(admin.user, 7, mergeSettings({ attempts: 3, timeLimitMinutes: 20 }), "req-exam-1");
    const override = await t.db.examSettingsOverride.findFirstOrThrow({ where: { phase: { number: 7 } } });
    expect(JSON.parse(override.settings)).toEqual({ attempts: 3, timeLimitMinutes: 20 });
    const changed = await t.db.eventLog.findFirstOrThrow({
      where: { action: "exam.settings_changed", requestId: "req-exam-1" },
    });
    expect(changed).toMatchObject({ actorId: admin.id, targetType: "phase", targetId: override.phaseId });
    expect(JSON.parse(changed.detail!)).toEqual({ phase: 7, attempts: 3, timeLimitMinutes: 20 });
    // The next change names only what it changed.
    await updateExamSettings(admin.user, 7, mergeSettings({ attempts: 2, timeLimitMinutes: 20 }), "req-exam-2");
    const next = await t.db.eventLog.findFirstOrThrow({ where: { requestId: "req-exam-2" } });
    expect(JSON.parse(next.detail!)).toEqual({ phase: 7, attempts: 2 });
    await updateExamSettings(admin.user, 7, mergeSettings({ attempts: 3, timeLimitMinutes: 20 }));
    const listed = (await listExamSettings(admin.user)).find((p) => p.number === 7)!;
    expect(listed).toMatchObject({ overridden: ["attempts", "timeLimitMinutes"], effective: { attempts: 3 } });
    expect(listed.course.attempts).toBeNull();

    // Saving the course's own values leaves no override.
    await updateExamSettings(admin.user, 7, mergeSettings({}));
    expect(await t.db.examSettingsOverride.count({ where: { phaseId: override.phaseId } })).toBe(0);
    await configureExam(admin.user, 7, { attempts: 1 });
    await resetExamSettings(admin.user, 7, "req-exam-reset");
    expect(await effectiveSettings(override.phaseId)).toEqual(mergeSettings({}));
    expect(await t.db.eventLog.count({ where: { action: "exam.settings_reset", requestId: "req-exam-reset" } })).toBe(
      1,
    );
    expect((await t.db.eventLog.count()) - before).toBe(6);
  });

  it("refuses inconsistent settings with the field named, storing nothing", async () => {
    const before = await t.db.eventLog.count();
    await expect(configureExam(admin.user, 7, { showAnswers: "after-close" })).rejects.toMatchObject({
      kind: "invalid",
      key: "examAfterCloseNeedsClose",
      field: "showAnswers",
    });
    const opensAt = new Date("2027-01-10T09:00:00Z");
    await expect(configureExam(admin.user, 7, { opensAt, closesAt: opensAt })).rejects.toMatchObject({
      field: "closesAt",
    });
    await expect(configureExam(admin.user, 99, {})).rejects.toMatchObject({ kind: "not_found" });
    expect(await t.db.eventLog.count()).toBe(before);
    expect(await t.db.examSettingsOverride.count({ where: { phase: { number: 7 } } })).toBe(0);
  });

  it("is for admins only", async () => {
    const { user } = await createActiveUser();
    await expect(listExamSettings(user)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(configureExam(user, 7, { attempts: 1 })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(resetExamSettings(user, 7)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(startExam(admin.user, 7)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await t.db.examSettingsOverride.count({ where: { phase: { number: 7 } } })).toBe(0);
  });
});

describe("course files", () => {
  it("imports exam.yaml's settings, under the admin's override", async () => {
    const phases = readCourse("content");
    const one = phases.find((p) => p.number === 1)!;
    const opensAt = new Date("2027-01-10T08:00:00Z");
    await importCourse(phases.map((p) => (p === one ? { ...p, examSettings: { attempts: 4, opensAt } } : p)));
    const phaseId = (await t.db.phase.findFirstOrThrow({ where: { number: 1 } })).id;
    expect(await effectiveSettings(phaseId)).toEqual(mergeSettings({ attempts: 4, opensAt }));
    await configureExam(admin.user, 1, { attempts: 4, opensAt: null });
    expect(await effectiveSettings(phaseId)).toEqual(mergeSettings({ attempts: 4 }));
    // Re-importing the files unchanged keeps the admin's change.
    await importCourse(phases.map((p) => (p === one ? { ...p, examSettings: { attempts: 4, opensAt } } : p)));
    expect(await effectiveSettings(phaseId)).toEqual(mergeSettings({ attempts: 4 }));
    await resetExamSettings(admin.user, 1);
    await importCourse(phases);
    expect(await effectiveSettings(phaseId)).toEqual(mergeSettings({}));
  });
});
