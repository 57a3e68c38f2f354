// The process model of `npm start` (lib/server/primary.ts, worker.ts, drain.ts),
// against a second portal started exactly as an operator does, under load:
//  - SIGTERM or SIGINT to the pid of `npm start` stops everything it started
//    (no orphan worker keeps serving), within MINIPORTAL_SHUTDOWN_TIMEOUT_S even
//    while clients keep sending on kept-alive sockets, and no acknowledged save
//    is lost (read back after a restart);
//  - a database file replaced under the running portal turns readiness off and
//    refuses saves instead of acknowledging them into the old file.
import { copyFileSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import {
  type Portal,
  alive,
  commandOf,
  descendants,
  keepAliveLoad,
  startPortal,
  studentLoad,
  waitUntilReady,
} from "./support/portal-process";
import { E2E_DIR, E2E_PORT } from "./support/server-config";
import { limit } from "./support/time-limits";

test.describe.configure({ mode: "serial" });
test.setTimeout(limit(10 * 60_000));

const DIR = path.join(E2E_DIR, "process-spec");
const DATA = path.join(DIR, "data");
const PORT = E2E_PORT + 5;
const SHUTDOWN_TIMEOUT_S = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
});

let carried: {
  acks: Awaited<ReturnType<Awaited<ReturnType<typeof studentLoad>>["stop"]>>;
  load: Awaited<ReturnType<typeof studentLoad>>;
} | null = null;

async function readBackOn(portal: Portal): Promise<void> {
  if (!carried) return;
  const saves = carried.acks.reduce((n, r) => n + r.acks.size, 0);
  const lost = await carried.load.readBack(carried.acks, portal.base);
  expect(lost, `acknowledged saves lost (of ${saves} phases saved)`).toEqual([]);
  carried = null;
}

async function servedWithin(counts: { ok: number }, atLeast: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && counts.ok < atLeast) await sleep(250);
  return counts.ok;
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  test(`${signal} to npm start drains every worker under keep-alive load within the deadline, leaves no process behind and loses no save`, async () => {
    const portal = startPortal(DATA, PORT, path.join(DIR, `${signal}.log`));
    try {
      await waitUntilReady(portal);
      await readBackOn(portal); // the saves acknowledged before the previous stop

      const tree = descendants(portal.pid);
      const workers = tree.filter((p) => /miniportal-worker/.test(commandOf(p)));
      expect(workers, `worker processes under npm start: ${tree.map(commandOf).join(" | ")}`).toHaveLength(2);

      const students = await studentLoad(portal.base, DATA, 2, `${signal.toLowerCase()}${Date.now().toString(36)}`);
      const hammer = keepAliveLoad(portal.base, 3);
      // Load until both kinds of client are being served (a freshly started server renders slowly at first).
      expect(
        await servedWithin(hammer.counts, 20, 90_000),
        "the keep-alive clients were served before the stop",
      ).toBeGreaterThanOrEqual(20);
      const saved = () => students.recorder.samples.filter((x) => x.route === "POST /phase/[nn]/notes" && x.ok).length;
      const savesDeadline = Date.now() + 90_000;
      while (saved() < 2 && Date.now() < savesDeadline) await sleep(250);
      expect(
        saved(),
        `saves acknowledged before the stop; failures: ${JSON.stringify(students.recorder.failures.slice(0, 3))}`,
      ).toBeGreaterThan(0);

      const sentAt = performance.now();
      process.kill(portal.pid, signal);
      const { code, at } = await Promise.race([
        portal.exited,
        sleep(30_000).then(() => ({ code: null, at: performance.now() })),
      ]);
      const stopSeconds = (at - sentAt) / 1000;
      // The clients kept sending until now; the stop did not wait for them.
      await hammer.stop();
      const runs = await students.stop();
      carried = { acks: runs, load: students };

      expect(stopSeconds, "seconds from the signal to npm's exit").toBeLessThan(SHUTDOWN_TIMEOUT_S + 1);
      expect(code).toBe(0);
      // Children the primary signalled may take a moment to be reaped.
      await expect
        .poll(() => tree.filter(alive).length, { timeout: 5_000 })
        .toBe(0)
        .catch(() => undefined);
      const left = tree.filter(alive);
      expect(
        left.map((p) => `${p} ${commandOf(p)}`),
        "processes npm start left running",
      ).toEqual([]);
      expect(
        await fetch(new URL("/login", portal.base)).then(
          () => "answered",
          () => "refused",
        ),
      ).toBe("refused");
      expect(
        hammer.counts.closedByServer,
        "kept-alive clients were told Connection: close while draining",
      ).toBeGreaterThan(0);
      expect(
        runs.reduce((n, r) => n + r.saves, 0),
        "saves acknowledged during the run",
      ).toBeGreaterThan(0);
      const lines = portal
        .log()
        .split("\n")
        .filter((l) => l.startsWith("{"));
      expect(lines.some((l) => l.includes('"event":"server.stopped"') && l.includes(`"reason":"${signal}"`))).toBe(
        true,
      );
      expect(lines.filter((l) => l.includes('"event":"worker.drained"')).length).toBeGreaterThanOrEqual(2);
    } finally {
      if (portal.child.exitCode === null) {
        process.kill(portal.pid, "SIGTERM");
        await portal.exited;
      }
    }
  });
}

test("a database file replaced under the running portal: readiness 503, saves refused, not acknowledged", async () => {
  const portal = startPortal(DATA, PORT, path.join(DIR, "swap.log"));
  try {
    await waitUntilReady(portal);
    await readBackOn(portal);
    const students = await studentLoad(portal.base, DATA, 1, `swap${Date.now().toString(36)}`);
    // The student is saving before the file is replaced (a fixed wait let a slow sign-in
    // straddle the swap, and then no save was ever attempted).
    const acknowledgedSaves = () =>
      students.recorder.samples.filter((s) => s.route === "POST /phase/[nn]/notes" && s.ok).length;
    await expect.poll(acknowledgedSaves, { timeout: limit(60_000) }).toBeGreaterThan(0);
    const file = path.join(DATA, "miniportal.db");
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file); // what a hand-made restore under a running server does
    const health = await fetch(new URL("/health", portal.base));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ready: false, reason: "database file replaced; restart the portal" });
    await sleep(500); // a save that passed its check just before the swap may still finish
    const before = acknowledgedSaves();
    // Whichever write the student tries first after the swap (a save, a grade, a sign-in
    // after that failure) is refused; the student then stops, so it need not be a save.
    const refused = () => students.recorder.samples.filter((s) => s.route.startsWith("POST ") && !s.ok).length;
    await expect
      .poll(refused, { timeout: limit(30_000), message: "a write refused after the file was replaced" })
      .toBeGreaterThan(0);
    const runs = await students.stop();
    const after = acknowledgedSaves();
    expect(after - before, "saves acknowledged after the file was replaced").toBe(0);
    expect(runs[0]!.redeemed).toBe(true);
    expect(portal.log()).toMatch(/was replaced while the portal was running; writes are refused/);
  } finally {
    if (portal.child.exitCode === null) {
      process.kill(portal.pid, "SIGTERM");
      await portal.exited;
    }
  }
});
