// The optimizer run from /admin/ops: one at a time, audited when it starts and when
// it ends, its progress kept in FsrsOptimizeRun so any worker serving the page can
// show it. The fit runs in the background of the process that took the request.
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { logger } from "../observability/logger";
import { optimizeCohort } from "../review/fsrs-optimize";

/** A run that has not reported for this long is taken as lost (its process stopped). */
const STALE_MS = 10 * 60_000;

export type RunView = {
  id: string;
  status: string;
  done: number;
  total: number;
  startedAt: Date;
  finishedAt: Date | null;
  summary: string;
};

export async function latestRun(admin: SessionUser): Promise<RunView | null> {
  assertRole(admin, "admin");
  return db().fsrsOptimizeRun.findFirst({ orderBy: { startedAt: "desc" } });
}

export async function startOptimizeRun(admin: SessionUser, requestId: string | null): Promise<RunView> {
  assertRole(admin, "admin");
  const now = new Date();
  const run = await db().$transaction(async (tx) => {
    const running = await tx.fsrsOptimizeRun.findFirst({
      where: { status: "running", startedAt: { gt: new Date(now.getTime() - STALE_MS) } },
    });
    if (running) throw new DomainError("conflict", "optimizerRunning");
    const created = await tx.fsrsOptimizeRun.create({ data: { actorId: admin.id, startedAt: now } });
    await recordEvent(tx, {
      actorId: admin.id,
      action: "fsrs.optimize_started",
      targetType: "fsrs_run",
      targetId: created.id,
      requestId,
    });
    return created;
  });
  void (async () => {
    let last = 0;
    try {
      const summary = await optimizeCohort((p) => {
        const at = Date.now();
        if (at - last < 250 && p.done < p.total) return;
        last = at;
        void db()
          .fsrsOptimizeRun.update({ where: { id: run.id }, data: { done: p.done, total: p.total } })
          .catch(() => {});
      });
      const text = summary.fits
        .map((f) => `${f.scope === "cohort" ? "cohort" : "student"}:${f.fit}:${f.itemCount}`)
        .join(" ");
      await db().$transaction(async (tx) => {
        await tx.fsrsOptimizeRun.update({
          where: { id: run.id },
          data: {
            status: "done",
            finishedAt: new Date(),
            summary: `${summary.reviews} reviews, ${summary.students} students, ${summary.fits.length} fits (${text})`,
          },
        });
        await recordEvent(tx, {
          actorId: admin.id,
          action: "fsrs.optimize_finished",
          targetType: "fsrs_run",
          targetId: run.id,
          requestId,
          detail: { reviews: summary.reviews, fits: summary.fits.length, ok: true },
        });
      });
    } catch (error) {
      logger().error({ event: "fsrs.optimize_failed", err: error }, "fsrs optimizer failed");
      await db()
        .fsrsOptimizeRun.update({
          where: { id: run.id },
          data: {
            status: "failed",
            finishedAt: new Date(),
            summary: error instanceof Error ? error.message.slice(0, 200) : "failed",
          },
        })
        .catch(() => {});
      await db()
        .$transaction((tx) =>
          recordEvent(tx, {
            actorId: admin.id,
            action: "fsrs.optimize_finished",
            targetType: "fsrs_run",
            targetId: run.id,
            requestId,
            detail: { ok: false },
          }),
        )
        .catch(() => {});
    }
  })();
  return run;
}

/** The stored parameter sets, for the page. */
export async function parameterSets(admin: SessionUser) {
  assertRole(admin, "admin");
  const rows = await db().fsrsParameters.findMany({ orderBy: { fittedAt: "desc" }, take: 50 });
  return rows.map(({ weights: _w, ...r }) => r);
}
