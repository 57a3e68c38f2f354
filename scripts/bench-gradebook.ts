// The gradebook's queries at cohort size: seeds N students' full histories (the
// /me benchmark's seeding: SM-2 review logs over many days, exam attempts, notes),
// loads the gradebook through lib/ with Prisma's query log on, prints how many
// queries one load takes, their plans (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
// ANALYZE on PostgreSQL) and the load's wall time. docs/gradebook.md records a run.
//
//   npx tsx scripts/bench-gradebook.ts [--students 50] [--days 90] [--runs 20]
//       [--postgres postgresql://user:pass@127.0.0.1:5432/empty_db]   (an empty database it may fill)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seedHistories } from "./bench/seed-histories";
import { parseFlags, runScript } from "./script-utils";

const flags = parseFlags(process.argv.slice(2));
const num = (name: string, fallback: number) => (typeof flags[name] === "string" ? Number(flags[name]) : fallback);
const STUDENTS = num("students", 50);
const DAYS = num("days", 90);
const RUNS = num("runs", 20);
const POSTGRES = typeof flags.postgres === "string" ? flags.postgres : null;

await runScript(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-gradebook-"));
  const databaseUrl = POSTGRES ?? `file:${path.join(dir, "bench.db")}`;
  Object.assign(process.env, {
    MINIPORTAL_DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_MASTER_PASS: randomBytes(24).toString("base64url"),
    MINIPORTAL_LOG_LEVEL: "silent",
  });
  const seeded = await seedHistories({ databaseUrl, students: STUDENTS, days: DAYS });
  console.log(`▸ ${STUDENTS} students × ${DAYS} days: ${seeded.logCount} review logs, ${seeded.attempts} attempts`);

  const { PrismaClient } = await import("../lib/db/generated/client");
  const { PrismaClient: PgClient } = await import("../lib/db/generated-pg/client");
  const { adapterFor } = await import("../lib/db/adapter");
  const { loadGradebook } = await import("../lib/admin/gradebook");
  const options = { adapter: adapterFor(databaseUrl), log: [{ emit: "event" as const, level: "query" as const }] };
  const client = (POSTGRES ? new PgClient(options) : new PrismaClient(options)) as InstanceType<typeof PrismaClient>;
  const seen: { query: string; params: string }[] = [];
  let recording = false;
  // The client's type does not carry the log option; the event is Prisma's documented query event.
  type QueryEvents = { $on(event: "query", listener: (e: { query: string; params: string }) => void): void };
  (client as unknown as QueryEvents).$on("query", (e) => {
    if (recording) seen.push({ query: e.query, params: e.params });
  });
  const slot = globalThis as unknown as { miniportalDb?: unknown };
  const previous = slot.miniportalDb;
  slot.miniportalDb = client;
  const admin = {
    id: "bench-admin",
    email: "a@example.org",
    name: "Admin",
    role: "admin" as const,
    sessionId: "s",
    locale: null,
    timeZone: "UTC",
  };
  const load = () => loadGradebook(admin, { requestId: null, audit: "gradebook.viewed" });
  await load(); // the course snapshot loads once per process
  recording = true;
  const book = await load();
  recording = false;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await load();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const statements = seen.filter((s) => !/^(BEGIN|COMMIT|SAVEPOINT|RELEASE)/i.test(s.query.trim()));
  console.log(
    `▸ one load: ${statements.length} statements (${seen.length} with transaction control) for ${book.rows.length} students × ${book.phases.length} phases`,
  );
  console.log(`▸ ${RUNS} loads: p50 ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  for (const s of statements) {
    if (!/^\s*SELECT/i.test(s.query)) {
      console.log(`\n-- ${s.query.slice(0, 160)}\n   (a write: the audit row)`);
      continue;
    }
    const params = JSON.parse(s.params) as unknown[];
    const explain = POSTGRES ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " : "EXPLAIN QUERY PLAN ";
    const plan = await client.$queryRawUnsafe<Record<string, unknown>[]>(explain + s.query, ...params);
    const sql = s.query.replace(/\s+/g, " ").replace(/(\?,|\$\d+,){10,}(\?|\$\d+)/g, "…ids");
    console.log(`\n-- ${sql.slice(0, 400)}${sql.length > 400 ? " …" : ""}`);
    // The 50 ids of an IN list, once per plan line, say nothing: shortened.
    const short = (line: unknown) => String(line).replace(/'\{[^}]{80,}\}'/g, "'{…ids}'");
    for (const row of plan) console.log(`   ${short(POSTGRES ? row["QUERY PLAN"] : row.detail)}`);
  }
  slot.miniportalDb = previous;
  await client.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});
