// Benchmark of /me: seeds a fresh data dir with N students' full histories
// (SM-2 review logs over many days, exam attempts and journal notes, both
// sealed through the vault), starts the built server on loopback, signs every
// student in and times a bounded number of /me requests from concurrent students.
//
//   npx tsx scripts/bench-dashboard.ts [--students 50] [--days 90]
//       [--requests 500] [--concurrency 10] [--port 3299] [--dense] [--keep] [--seed-only]
//       [--path /me] [--profile]   (--profile: V8 CPU profile of the server into <dir>/prof; use with --keep)
//
// --dense reviews every card every day (6,300 logs per student over 90 days)
// instead of following the SM-2 schedule. Builds first if the build is stale
// (so do not run it while an e2e run is building: both use .next).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seedHistories } from "./bench/seed-histories";
import { parseFlags, runScript } from "./script-utils";

const flags = parseFlags(process.argv.slice(2));
const num = (name: string, fallback: number) => (typeof flags[name] === "string" ? Number(flags[name]) : fallback);
const STUDENTS = num("students", 50);
const DAYS = num("days", 90);
const REQUESTS = Math.min(num("requests", 500), 5000);
const CONCURRENCY = Math.min(num("concurrency", 10), 50);
const PORT = num("port", 3299);
const DENSE = flags.dense === true;
// Another page for comparison (e.g. --path /phase/01); the check then only needs a 200.
const PATH = typeof flags.path === "string" && flags.path.startsWith("/") ? flags.path : "/me";
const root = process.cwd();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

await runScript(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-bench-"));
  const serverEnv = {
    MINIPORTAL_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_MASTER_PASS: randomBytes(24).toString("base64url"),
    MINIPORTAL_LOG_JSON: "1",
    MINIPORTAL_LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, serverEnv);
  const { buildIsCurrent, recordBuild } = await import("../lib/config/build-stamp");

  console.log(
    `▸ Seeding ${STUDENTS} students × ${DAYS} days${DENSE ? " (dense: every card every day)" : ""} into ${dir}`,
  );
  const t0 = performance.now();
  const { cookies, logCount, attempts, notes } = await seedHistories({
    databaseUrl: serverEnv.DATABASE_URL,
    students: STUDENTS,
    days: DAYS,
    dense: DENSE,
  });
  console.log(
    `  ${logCount} review logs, ${attempts} exam attempts, ${notes} notes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  if (flags["seed-only"] === true) {
    console.log(`  seeded only (--seed-only); data dir ${dir}`);
    return;
  }

  if (!buildIsCurrent(root)) {
    console.log("▸ Building (next build)");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
    recordBuild(root);
  }

  console.log(`▸ Starting next start on 127.0.0.1:${PORT}`);
  const logFd = openSync(path.join(dir, "server.log"), "a");
  const profile = flags.profile === true ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, "prof")}`] : [];
  const server = spawn(
    process.execPath,
    [...profile, path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(PORT)],
    {
      env: { ...process.env, ...serverEnv, NODE_ENV: "production" },
      stdio: ["ignore", logFd, logFd],
    },
  );
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not start; see ${path.join(dir, "server.log")}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const get = async (student: number) => {
      const start = performance.now();
      const res = await fetch(`${base}${PATH}`, {
        headers: { cookie: cookies[student % cookies.length]! },
        redirect: "manual",
      });
      const body = await res.text();
      const ms = performance.now() - start;
      return {
        ms,
        ok: res.status === 200 && (PATH !== "/me" || body.includes(`Hello, Bench Student ${student % cookies.length}`)),
      };
    };
    for (let s = 0; s < STUDENTS; s++) await get(s); // warm-up: every student once, not timed

    console.log(`▸ ${REQUESTS} requests to ${PATH} from ${CONCURRENCY} concurrent students`);
    const latencies: number[] = [];
    let errors = 0;
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let round = 0; issued < REQUESTS; round++) {
          issued++;
          const r = await get(worker + round * CONCURRENCY);
          latencies.push(r.ms);
          if (!r.ok) errors++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const fmt = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `  requests ${latencies.length}  errors ${errors}  throughput ${(latencies.length / seconds).toFixed(1)} req/s`,
    );
    console.log(
      `  p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(percentile(latencies, 95))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? NaN)}`,
    );
    console.log(`  p99 ${percentile(latencies, 99) < 200 ? "<" : ">="} 200 ms target`);
    if (errors) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    if (flags.keep !== true) rmSync(dir, { recursive: true, force: true });
    else console.log(`  kept ${dir}`);
  }
  if (process.exitCode) throw new Error("some /me requests failed");
});
