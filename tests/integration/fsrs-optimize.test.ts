// The optimizer against a real database: fits from the cohort's log (fsrs-rs through
// @open-spaced-repetition/binding), per student once they have enough items, the
// library's thresholds recorded; the ops-page run is audited, one at a time, and the
// stored weights then schedule the students.
import { describe, expect, it } from "vitest";
import { optimizeCohort, STUDENT_MIN_ITEMS } from "@/lib/review/fsrs-optimize";
import { latestRun, startOptimizeRun } from "@/lib/admin/fsrs-runs";
import { weightsFor } from "@/lib/review/fsrs-settings";
import { DEFAULT_WEIGHTS } from "@/lib/review/fsrs";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const DAY = 86_400_000;

/** Logs as the portal writes them: a student reviews `cards` over `days`, recalling by a simple curve. */
async function history(userId: string, cardIds: string[], days: number, seed: number) {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const start = Date.UTC(2026, 0, 5, 9);
  const rows = [];
  for (const cardId of cardIds) {
    let day = 0;
    let interval = 1;
    while (day < days) {
      const ok = random() < Math.pow(0.9, interval / (interval + 2));
      const grade = day === 0 ? 4 : ok ? 4 : 1;
      rows.push({
        userId,
        cardId,
        grade,
        rating: grade === 4 ? 3 : 1,
        reviewedAt: new Date(start + day * DAY),
        prevRepetitions: 0,
        prevEasiness: 2.5,
        prevIntervalDays: interval,
        repetitions: 0,
        easiness: 2.5,
        intervalDays: interval,
        dueAt: new Date(start + (day + interval) * DAY),
      });
      interval = ok ? Math.ceil(interval * 2.5) : 1;
      day += interval;
    }
  }
  await t.db.reviewLog.createMany({ data: rows });
  return rows.length;
}

describe("fsrs:optimize", () => {
  it("fits the cohort, and a student only once they have enough items; the thresholds are recorded", async () => {
    const cardIds = [...(await syncedPhaseCardIds(t, 1)), ...(await syncedPhaseCardIds(t, 2))];
    const heavy = await createActiveUser();
    const light = await createActiveUser();
    await history(heavy.id, cardIds, 200, 7);
    await history(light.id, cardIds.slice(0, 2), 20, 9);
    const seen: number[] = [];
    const summary = await optimizeCohort((p) => seen.push(p.done / p.total), new Date("2026-08-01T00:00:00Z"));
    expect(seen.at(-1)).toBe(1);
    expect(summary.students).toBe(2);
    const scopes = summary.fits.map((f) => f.scope);
    expect(scopes).toEqual(["cohort", heavy.id]);
    expect(summary.fits[0]!.itemCount).toBeGreaterThanOrEqual(STUDENT_MIN_ITEMS);
    const rows = await t.db.fsrsParameters.findMany();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(JSON.parse(r.weights)).toHaveLength(21);
      expect(["default", "partial", "full"]).toContain(r.fit);
      expect(r.fittedAt).toEqual(new Date("2026-08-01T00:00:00Z"));
    }
    // The light student is scheduled with the cohort's weights, the heavy one with their own.
    const cohort = rows.find((r) => r.scope === "cohort")!;
    expect((await weightsFor(light.id)).source).toBe(cohort.fit === "default" ? "default" : "cohort");
    const own = rows.find((r) => r.scope === heavy.id)!;
    expect((await weightsFor(heavy.id)).source).toBe(own.fit === "default" ? "cohort" : "student");
  });

  it("with no reviews it stores the defaults and says so", async () => {
    const { createTestDb } = await import("../helpers/test-db");
    const empty = await createTestDb();
    try {
      const summary = await optimizeCohort();
      expect(summary.fits).toEqual([{ scope: "cohort", fit: "default", reviewCount: 0, itemCount: 0 }]);
      const { weights, source } = await weightsFor("nobody");
      expect(source).toBe("default");
      expect(weights).toEqual(DEFAULT_WEIGHTS);
    } finally {
      await empty.cleanup();
    }
  });

  it("the ops-page run is audited at start and end, and a second start while running is refused", async () => {
    const admin = await createActiveUser("admin");
    const run = await startOptimizeRun(admin.user, "req-1");
    await expect(startOptimizeRun(admin.user, "req-2")).rejects.toMatchObject({ key: "optimizerRunning" });
    const deadline = Date.now() + 30_000;
    let latest = await latestRun(admin.user);
    while (latest?.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await latestRun(admin.user);
    }
    expect(latest).toMatchObject({ id: run.id, status: "done" });
    const events = await t.db.eventLog.findMany({ where: { targetId: run.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["fsrs.optimize_started", "fsrs.optimize_finished"]);
    const student = await createActiveUser();
    await expect(startOptimizeRun(student.user, null)).rejects.toBeTruthy();
  });
});
