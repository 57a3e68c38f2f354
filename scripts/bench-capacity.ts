// Capacity benchmark (issue 13): throughput and p99 of the portal's busiest pages
// next to a bare force-dynamic page from bench/bare-app (same Next version), in
// one run, with 1 and with N server workers. Printed, never asserted.
//
//   npm run bench:capacity -- [--workers N] [--requests 400] [--rounds 2]
//       [--concurrency 16] [--students 50] [--days 90] [--port 3620] [--keep] [--no-pin] [--profile]
//
// The portal is started as `npm start` starts it (scripts/start.ts) with
// MINIPORTAL_WORKERS=1 and then =N (default: one per core), on one data dir
// seeded with `--students` full histories (scripts/bench/seed-histories.ts).
// Rounds rotate the order of the pages so drift hits all alike; each figure is
// the median over rounds. With two or more cores the 1-worker run pins the
// portal and the bare fixture to every core but the first and this process (the
// load generator) to the first (scripts/bench/cpu-pinning.ts); then 1 worker and
// N workers run unpinned, as a deployment runs, bare fixture included, so the
// scaling ratio compares like with like. --profile runs the pinned
// 1-worker portal under V8's CPU profiler and prints where its worker spent its
// time (scripts/bench/cpu-profile.ts); profiling slows it, so its req/s are not
// comparable with a run without it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type LoadResult, type LoadTarget, runLoad } from "./bench/http-load";
import { seedInChild } from "./bench/seed-histories";
import { allCores, pinProcess, planPinning } from "./bench/cpu-pinning";
import { type CpuUse, countCpu } from "./bench/cpu-usage";
import { busiestProfile, printProfile, summarizeProfile } from "./bench/cpu-profile";
import {
  type Server,
  ensureBareBuild,
  serverProcesses,
  servingPids,
  startBare,
  startPortal,
  stop,
} from "./bench/servers";
import { intFlag, parseFlags, runScript } from "./script-utils";

const flags = parseFlags(process.argv.slice(2));
const WORKERS = intFlag(flags, "workers", cpus().length, 64);
const REQUESTS = intFlag(flags, "requests", 400, 10_000);
const ROUNDS = intFlag(flags, "rounds", 2, 10);
const CONCURRENCY = intFlag(flags, "concurrency", 16, 128);
const STUDENTS = intFlag(flags, "students", 50, 200);
const DAYS = intFlag(flags, "days", 90, 365);
const PORT = intFlag(flags, "port", 3620, 65_000);
const PROFILE = flags.profile === true;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function targets(bare: Server, portal: Server, cookies: string[], names: string[]): LoadTarget[] {
  const as = (n: number) => cookies[n % cookies.length]!;
  const ok = (status: number) => (status === 200 ? null : `answered ${status}`);
  return [
    {
      name: "bare page (fixture)",
      url: () => `${bare.base}/`,
      check: (s, body) => ok(s) ?? (body.includes("Item 20") ? null : "no list"),
    },
    {
      name: "GET /me",
      url: () => `${portal.base}/me`,
      cookie: as,
      check: (s, body, n) =>
        ok(s) ?? (body.includes(`Hello, ${names[n % names.length]}`) ? null : "not the student's dashboard"),
    },
    { name: "GET /review", url: () => `${portal.base}/review`, cookie: as, check: (s) => ok(s) },
    {
      name: "GET /phase/[nn]/notes",
      url: (n) => `${portal.base}/phase/0${1 + (n % 3)}/notes`,
      cookie: as,
      check: (s, body) => ok(s) ?? (body.includes("Notes for phase") ? null : "journal text missing"),
    },
  ];
}

type Row = { workers: number; processes: number; pinned: string; results: LoadResult[]; cpu: CpuUse };

async function measure(list: LoadTarget[], afterWarmUp: () => void): Promise<LoadResult[]> {
  for (const t of list) await runLoad(t, Math.min(STUDENTS * 2, 100), 4); // warm-up: compile, caches, connections
  afterWarmUp();
  const byName = new Map<string, LoadResult[]>(list.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = list.map((_, i) => list[(i + round) % list.length]!);
    for (const t of order) {
      const result = await runLoad(t, REQUESTS, CONCURRENCY);
      if (result.errors) console.warn(`  ! ${t.name}: ${result.errors} bad answers, first: ${result.firstError}`);
      byName.get(t.name)!.push(result);
    }
  }
  return list.map((t) => {
    const rs = byName.get(t.name)!;
    return {
      ...rs[0]!,
      requests: rs.reduce((s, r) => s + r.requests, 0),
      errors: rs.reduce((s, r) => s + r.errors, 0),
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
    };
  });
}

function print(rows: Row[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number, d = 0) => x.toFixed(d).padStart(8);
  console.log(
    `\n${pad("workers", 9)}${pad("page", 24)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"KB".padStart(8)}${"errors".padStart(8)}   vs bare`,
  );
  for (const row of rows) {
    const bare = row.results[0]!;
    for (const r of row.results) {
      const ratio = r === bare ? "" : `${((r.rps / bare.rps) * 100).toFixed(0)} %`;
      console.log(
        `${pad(`${row.workers} (${row.processes})`, 9)}${pad(r.name, 24)}${num(r.rps, 1)}${num(r.p50)}${num(r.p99)}${num(r.bytes / 1024, 1)}${num(r.errors)}   ${ratio}`,
      );
    }
  }
  console.log("\nCPU over each measurement, after the warm-up (the portal's processes serve its pages only):");
  for (const row of rows) {
    const portalRequests = row.results.slice(1).reduce((n, r) => n + r.requests, 0);
    const { server, generator, seconds } = row.cpu;
    console.log(
      `  ${row.workers} worker(s), ${row.pinned}: portal ${server.toFixed(1)} s (${((server / portalRequests) * 1000).toFixed(1)} ms per page), ` +
        `generator ${generator.toFixed(1)} s (${((generator / (portalRequests + row.results[0]!.requests)) * 1000).toFixed(1)} ms per request), ` +
        `over ${seconds.toFixed(0)} s: ${((server + generator) / seconds).toFixed(2)} cores busy without the bare page's`,
    );
  }
  const many = rows.at(-1);
  if (!many || many.workers === 1) return;
  // Against each one-worker row: the unpinned one shares the cores with the generator as the
  // N workers do (like for like); the pinned one has a core to itself.
  for (const one of rows.filter((r) => r.workers === 1)) {
    console.log(
      `\nScaling, ${many.workers} workers unpinned vs 1 ${one.pinned === "unpinned" ? "unpinned" : "pinned"}:`,
    );
    for (const [i, r] of many.results.entries())
      if (i > 0) console.log(`  ${pad(r.name, 24)} ${(r.rps / one.results[i]!.rps).toFixed(2)}×`);
  }
}

/** The runs to make: 1 worker pinned (when pinning), 1 worker and N workers unpinned. */
function configurations(pinning: boolean): { workers: number; pin: boolean }[] {
  const runs = pinning ? [{ workers: 1, pin: true }] : [];
  if (!pinning || WORKERS > 1) runs.push({ workers: 1, pin: false });
  if (WORKERS > 1) runs.push({ workers: WORKERS, pin: false });
  return runs;
}

await runScript(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-bench-capacity-"));
  const serverEnv = {
    MINIPORTAL_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_MASTER_PASS: randomBytes(24).toString("base64url"),
    MINIPORTAL_METRICS_TOKEN: randomBytes(16).toString("hex"),
    MINIPORTAL_LOG_JSON: "1",
    MINIPORTAL_LOG_LEVEL: "info",
  };
  Object.assign(process.env, serverEnv);
  const servers: Server[] = [];
  try {
    console.log(`▸ Seeding ${STUDENTS} students × ${DAYS} days into ${dir}`);
    const { cookies, names, logCount } = await seedInChild(
      { databaseUrl: serverEnv.DATABASE_URL, students: STUDENTS, days: DAYS },
      serverEnv,
    );
    console.log(`  ${logCount} review logs`);
    ensureBareBuild();
    const pinning = planPinning(flags["no-pin"] === true);
    const rows: Row[] = [];
    let profile: string | null = null;
    for (const { workers, pin } of configurations(pinning !== null)) {
      // Pinned: one worker on its own core against the generator's; unpinned: as deployed.
      const cores = pin && pinning ? pinning.server : null;
      if (pinning) pinProcess(process.pid, cores ? pinning.generator : allCores());
      const pinned = cores && pinning ? pinning.summary : "unpinned";
      console.log(`▸ npm start with MINIPORTAL_WORKERS=${workers} on 127.0.0.1:${PORT + 1}, ${pinned}`);
      const bare = await startBare(PORT, path.join(dir, `bare-${workers}-${pinned}.log`), cores);
      servers.push(bare);
      const profileDir = path.join(dir, "cpu-profiles");
      const portalEnv =
        PROFILE && cores
          ? {
              ...serverEnv,
              MINIPORTAL_BENCH_PROFILE_DIR: profileDir,
              NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.resolve("scripts/bench/cpu-profiler-preload.cjs")}`,
            }
          : serverEnv;
      const portal = await startPortal(
        workers,
        PORT + 1,
        portalEnv,
        path.join(dir, `portal-${workers}-${pinned}.log`),
        cores,
      );
      servers.push(portal);
      const processes = serverProcesses(portal);
      console.log(
        `  ${processes} serving process(es); ${ROUNDS} rounds × ${REQUESTS} requests per page, ${CONCURRENCY} in flight`,
      );
      // Profiling: the worker's profile restarts here, after start-up and the warm-up (cpu-profiler-preload.cjs).
      const restartProfile = () => {
        if (portalEnv !== serverEnv) for (const pid of servingPids(portal)) process.kill(pid, "SIGUSR2");
      };
      let used: (() => CpuUse) | null = null;
      const results = await measure(targets(bare, portal, cookies, names), () => {
        restartProfile();
        used = countCpu(portal);
      });
      rows.push({ workers, processes, pinned, results, cpu: used!() });
      for (const s of servers.splice(0).reverse()) await stop(s);
      if (portalEnv !== serverEnv) profile = busiestProfile(profileDir);
    }
    console.log(
      `\nConditions: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average before the last run ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}, Node ${process.version}.`,
    );
    console.log("workers = requested (serving processes seen). KB = HTML per answer. Medians over rounds.");
    for (const row of rows) console.log(`  ${row.workers} worker(s): ${row.pinned}`);
    print(rows);
    if (profile) printProfile(summarizeProfile(profile));
    else if (PROFILE) console.log("\n! --profile: the portal wrote no CPU profile (did it exit cleanly?)");
  } finally {
    for (const s of servers.reverse()) await stop(s);
    if (flags.keep !== true) rmSync(dir, { recursive: true, force: true });
    else console.log(`  kept ${dir}`);
  }
});
