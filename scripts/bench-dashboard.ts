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
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Prisma } from "../lib/db/generated/client";
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
const DAY = 86_400_000;
const root = process.cwd();

// Deterministic pseudo-random numbers (mulberry32) so runs are comparable.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

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
  const { migrateDatabase } = await import("../lib/db/migrate");
  const { db } = await import("../lib/db/client");
  const { syncCourse } = await import("../lib/content/sync");
  const { nextSm2, dueDate, NEW_ITEM } = await import("../lib/review/sm2");
  const { seal } = await import("../lib/vault");
  const { createSession } = await import("../lib/auth/sessions");
  const { encodeSessionToken } = await import("../lib/auth/session-cookie");
  const { buildIsCurrent, recordBuild } = await import("../lib/config/build-stamp");

  console.log(`▸ Seeding ${STUDENTS} students × ${DAYS} days${DENSE ? " (dense: every card every day)" : ""} into ${dir}`);
  const t0 = performance.now();
  await migrateDatabase(serverEnv.DATABASE_URL);
  await syncCourse();
  const phases = await db().phase.findMany({ where: { retiredAt: null }, include: { cards: { where: { retiredAt: null }, orderBy: { position: "asc" } } }, orderBy: { number: "asc" } });
  const cards = phases.flatMap((p) => p.cards.map((c) => c.id));
  const now = new Date();
  const firstDay = new Date(dueDate(now, 0).getTime() - DAYS * DAY);
  const cookies: string[] = [];
  let logCount = 0;

  for (let s = 0; s < STUDENTS; s++) {
    const random = rng(s + 1);
    const user = await db().user.create({ data: { email: `bench${s}@example.org`, name: `Bench Student ${s}`, role: "student", status: "active" } });
    type St = { repetitions: number; easiness: number; intervalDays: number; dueAt: Date; lastReviewedAt: Date };
    const states = new Map<string, St>();
    const logs: Prisma.ReviewLogCreateManyInput[] = [];
    const grade = () => { const r = random(); return r < 0.08 ? 1 + Math.floor(random() * 2) : r < 0.25 ? 3 : r < 0.7 ? 4 : 5; };
    for (let d = 0; d <= DAYS; d++) {
      const day = new Date(firstDay.getTime() + d * DAY);
      let at = day.getTime() + 8 * 3600_000 + Math.floor(random() * 8 * 3600_000);
      if (at > now.getTime()) at = now.getTime() - 60_000;
      for (const cardId of cards.slice(0, Math.min(cards.length, (d + 1) * 8))) {
        const prev = states.get(cardId);
        const due = !prev || prev.dueAt.getTime() <= at;
        if (!due && !DENSE) continue;
        at += 20_000;
        const reviewedAt = new Date(at);
        const g = grade();
        const base = prev ?? { ...NEW_ITEM, dueAt: null, lastReviewedAt: null };
        const prevFields = { prevRepetitions: base.repetitions, prevEasiness: base.easiness, prevIntervalDays: base.intervalDays, prevDueAt: base.dueAt, prevLastReviewed: base.lastReviewedAt };
        if (!due && prev) {
          logs.push({ userId: user.id, cardId, grade: g, reviewedAt, redrill: true, ...prevFields, repetitions: prev.repetitions, easiness: prev.easiness, intervalDays: prev.intervalDays, dueAt: prev.dueAt });
          continue;
        }
        const next = nextSm2(base, g);
        const st = { ...next, dueAt: dueDate(reviewedAt, next.intervalDays), lastReviewedAt: reviewedAt };
        states.set(cardId, st);
        logs.push({ userId: user.id, cardId, grade: g, reviewedAt, ...prevFields, ...next, dueAt: st.dueAt });
        for (let again = g; again < 4; ) {
          again = 3 + Math.floor(random() * 3);
          at += 15_000;
          logs.push({ userId: user.id, cardId, grade: again, reviewedAt: new Date(at), redrill: true, ...prevFields, prevRepetitions: st.repetitions, prevEasiness: st.easiness, prevIntervalDays: st.intervalDays, prevDueAt: st.dueAt, prevLastReviewed: reviewedAt, repetitions: st.repetitions, easiness: st.easiness, intervalDays: st.intervalDays, dueAt: st.dueAt });
        }
      }
    }
    for (let i = 0; i < logs.length; i += 2000) await db().reviewLog.createMany({ data: logs.slice(i, i + 2000) });
    await db().reviewState.createMany({ data: [...states].map(([cardId, st]) => ({ userId: user.id, cardId, ...st })) });
    logCount += logs.length;

    for (const phase of phases) {
      for (let a = 0; a < 2; a++) {
        const id = randomUUID();
        const submittedAt = new Date(firstDay.getTime() + Math.floor(random() * DAYS * DAY));
        const correct = 2 + Math.floor(random() * 4);
        const sealed = await seal({ ownerId: user.id, table: "ExamAttempt", rowId: id }, JSON.stringify({ v: 1, outcomes: [] }));
        await db().examAttempt.create({ data: { id, userId: user.id, phaseId: phase.id, score: correct / 6, correctCount: correct, total: 6, passed: correct >= 5, startedAt: new Date(submittedAt.getTime() - 300_000), submittedAt, ciphertext: new Uint8Array(sealed.ciphertext), iv: new Uint8Array(sealed.iv), keyId: sealed.keyId, format: sealed.format } });
      }
      const noteId = randomUUID();
      const text = `Notes for phase ${phase.number}. `.repeat(40);
      const sealed = await seal({ ownerId: user.id, table: "Note", rowId: noteId }, text);
      await db().note.create({ data: { id: noteId, userId: user.id, phaseId: phase.id, ciphertext: new Uint8Array(sealed.ciphertext), iv: new Uint8Array(sealed.iv), keyId: sealed.keyId, format: sealed.format, sizeBytes: text.length } });
    }
    const session = await createSession(user.id);
    cookies.push(`miniportal.session=${await encodeSessionToken({ sub: user.id, sid: session.sid, sv: 1 }, session.expiresAt)}`);
  }
  await db().$disconnect();
  console.log(`  ${logCount} review logs, ${STUDENTS * phases.length * 2} exam attempts, ${STUDENTS * phases.length} notes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  if (flags["seed-only"] === true) {
    console.log(`  seeded only (--seed-only); data dir ${dir}`);
    return;
  }

  if (!buildIsCurrent(root)) {
    console.log("▸ Building (next build)");
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
    recordBuild(root);
  }

  console.log(`▸ Starting next start on 127.0.0.1:${PORT}`);
  const logFd = openSync(path.join(dir, "server.log"), "a");
  const profile = flags.profile === true ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, "prof")}`] : [];
  const server = spawn(process.execPath, [...profile, path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(PORT)], {
    env: { ...process.env, ...serverEnv, NODE_ENV: "production", }, stdio: ["ignore", logFd, logFd],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try { if ((await fetch(`${base}/health`)).ok) break; } catch { /* not up yet */ }
      if (Date.now() > deadline) throw new Error(`server did not start; see ${path.join(dir, "server.log")}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const get = async (student: number) => {
      const start = performance.now();
      const res = await fetch(`${base}${PATH}`, { headers: { cookie: cookies[student % cookies.length]! }, redirect: "manual" });
      const body = await res.text();
      const ms = performance.now() - start;
      return { ms, ok: res.status === 200 && (PATH !== "/me" || body.includes(`Hello, Bench Student ${student % cookies.length}`)) };
    };
    for (let s = 0; s < STUDENTS; s++) await get(s); // warm-up: every student once, not timed

    console.log(`▸ ${REQUESTS} requests to ${PATH} from ${CONCURRENCY} concurrent students`);
    const latencies: number[] = [];
    let errors = 0;
    let issued = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let round = 0; issued < REQUESTS; round++) {
        issued++;
        const r = await get(worker + round * CONCURRENCY);
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const fmt = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`  requests ${latencies.length}  errors ${errors}  throughput ${(latencies.length / seconds).toFixed(1)} req/s`);
    console.log(`  p50 ${fmt(percentile(latencies, 50))}  p95 ${fmt(percentile(latencies, 95))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? NaN)}`);
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
