// What observability costs: throughput of a dynamic page (default /me, signed in
// as a student) on three `next start` processes of the same build, in the same run:
//   ON : metrics + request logs (JSON, info, to a file) + traces to a loopback
//        OTLP receiver, and a /metrics scrape every 5 s, as in production;
//   MID: the same without traces (MINIPORTAL_OTLP_ENDPOINT unset, the default);
//   OFF: METRICS_ENABLED=0, MINIPORTAL_LOG_LEVEL=silent, no OTLP endpoint.
// Rounds rotate the order so drift hits all alike; the cost is reported from
// the median of each side. Loopback only, bounded request counts. Needs a
// build (`npm run build`).
//
//   npx tsx scripts/bench-observability.ts [--requests 800] [--rounds 3] [--concurrency 8] [--path /me] [--workers N]
//
// With --workers N each side is `npm start` itself with N server workers (the
// cluster metrics, IPC and log bridge included), on its own copy of the data dir.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startOtlpReceiver } from "../e2e/support/otlp-receiver";
import { freePort } from "../tests/ops/prometheus-local";
import { startPortal } from "./bench/servers";
import { intFlag, parseFlags, runScript } from "./script-utils";

const flags = parseFlags(process.argv.slice(2));
const REQUESTS = intFlag(flags, "requests", 800, 20_000);
const ROUNDS = intFlag(flags, "rounds", 3, 20);
const CONCURRENCY = intFlag(flags, "concurrency", 8, 64);
const PAGE = typeof flags.path === "string" ? flags.path : "/me";
const WORKERS = flags.workers === undefined ? null : intFlag(flags, "workers", 1, 64);
const root = process.cwd();

type Server = { name: string; base: string; child: ChildProcess };

async function prepareData(dir: string): Promise<string> {
  Object.assign(process.env, {
    MINIPORTAL_DATA_DIR: dir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_MASTER_PASS: randomBytes(24).toString("base64url"),
    MINIPORTAL_LOG_LEVEL: "silent",
  });
  const { env } = await import("../lib/env");
  const { migrateDatabase } = await import("../lib/db/migrate");
  const { db } = await import("../lib/db/client");
  const { syncCourse } = await import("../lib/content/sync");
  const { assertVaultOpens } = await import("../lib/vault/startup");
  const { issueInvite, redeemInvite } = await import("../lib/auth/invites");
  const { createSession } = await import("../lib/auth/sessions");
  const { encodeSessionToken, sessionCookieName } = await import("../lib/auth/session-cookie");
  await migrateDatabase(env().databaseUrl);
  await syncCourse();
  await assertVaultOpens();
  const invite = await issueInvite({
    email: "bench@example.org",
    name: "Bench Student",
    role: "student",
    actorId: null,
  });
  const redeemed = await redeemInvite({ token: invite.token, password: randomBytes(18).toString("base64url") });
  if (!redeemed.ok) throw new Error(`could not create the bench student (${redeemed.kind})`);
  const session = await createSession(redeemed.userId);
  const token = await encodeSessionToken(
    { sub: redeemed.userId, sid: session.sid, sv: redeemed.sessionVersion },
    session.expiresAt,
  );
  await db().$disconnect();
  return `${sessionCookieName()}=${token}`;
}

/** One side: `npm start` with WORKERS workers on a copy of the data dir, or a bare `next start`. */
async function startSide(name: string, extraEnv: Record<string, string>, dir: string): Promise<Server> {
  const logFile = path.join(dir, `${name.toLowerCase()}.log`);
  if (WORKERS === null) return startServer(name, extraEnv, logFile);
  // A data dir holds one portal (its lock): each side gets a copy of the prepared one.
  const own = path.join(dir, `data-${name.toLowerCase()}`);
  mkdirSync(own, { mode: 0o700 });
  for (const file of ["miniportal.db", "miniportal.db-wal"])
    if (existsSync(path.join(dir, file))) copyFileSync(path.join(dir, file), path.join(own, file));
  const env: Record<string, string> = { ...extraEnv, MINIPORTAL_DATA_DIR: own, DATABASE_URL: "" };
  for (const key of ["MINIPORTAL_OTLP_ENDPOINT", "MINIPORTAL_TEST_ROUTES"]) if (!(key in extraEnv)) env[key] = "";
  const server = await startPortal(WORKERS, await freePort(), env, logFile);
  return { ...server, name };
}

async function startServer(name: string, extraEnv: Record<string, string>, logFile: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    MINIPORTAL_BASE_URL: base,
    ...extraEnv,
  };
  for (const key of ["MINIPORTAL_OTLP_ENDPOINT", "MINIPORTAL_TEST_ROUTES"]) if (!(key in extraEnv)) delete env[key];
  const out = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env,
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} server exited; see ${logFile}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { name, base, child };
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} server did not become ready; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `count` GETs with `CONCURRENCY` in flight; every answer must be 200. */
async function load(server: Server, cookie: string, count: number): Promise<{ rps: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const t = performance.now();
      const res = await fetch(`${server.base}${PAGE}`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${server.name}: GET ${PAGE} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: count / ((performance.now() - started) / 1000), latencies };
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const median = (xs: number[]) => quantile(xs, 0.5);

async function main(): Promise<void> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("no build found: run `npm run build` first");
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-bench-obs-"));
  const receiver = await startOtlpReceiver();
  const servers: Server[] = [];
  let scraper: NodeJS.Timeout | undefined;
  try {
    const cookie = await prepareData(dir);
    const metricsToken = randomBytes(16).toString("hex");
    const on = await startSide(
      "ON",
      {
        METRICS_ENABLED: "1",
        MINIPORTAL_METRICS_TOKEN: metricsToken,
        MINIPORTAL_LOG_JSON: "1",
        MINIPORTAL_LOG_LEVEL: "info",
        MINIPORTAL_OTLP_ENDPOINT: receiver.url,
      },
      dir,
    );
    servers.push(on);
    const mid = await startSide(
      "MID",
      {
        METRICS_ENABLED: "1",
        MINIPORTAL_METRICS_TOKEN: metricsToken,
        MINIPORTAL_LOG_JSON: "1",
        MINIPORTAL_LOG_LEVEL: "info",
      },
      dir,
    );
    servers.push(mid);
    const off = await startSide("OFF", { METRICS_ENABLED: "0", MINIPORTAL_LOG_LEVEL: "silent" }, dir);
    servers.push(off);

    const scrapeTimes: number[] = [];
    const scrape = async () => {
      const t = performance.now();
      const res = await fetch(`${on.base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      await res.text();
      if (res.ok) scrapeTimes.push(performance.now() - t);
      await (await fetch(`${mid.base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    };
    scraper = setInterval(() => void scrape().catch(() => undefined), 5000);

    console.log(
      `GET ${PAGE} as a signed-in student, ${REQUESTS} requests x ${ROUNDS} rounds per side, concurrency ${CONCURRENCY}, ` +
        (WORKERS === null ? "one `next start` per side" : `npm start with ${WORKERS} worker(s) per side`),
    );
    const sides = [on, mid, off];
    for (const server of sides) await load(server, cookie, Math.min(300, REQUESTS));
    const results = new Map(sides.map((server) => [server.name, { rps: [] as number[], latencies: [] as number[] }]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
      const line: string[] = [];
      for (const server of order) {
        const r = await load(server, cookie, REQUESTS);
        const bucket = results.get(server.name)!;
        bucket.rps.push(r.rps);
        bucket.latencies.push(...r.latencies);
        line.push(`${server.name} ${r.rps.toFixed(1)} req/s`);
      }
      console.log(`round ${round + 1}: ${line.join(", ")}`);
    }
    for (let i = 0; i < 10; i++) await scrape();

    for (const [side, r] of results) {
      console.log(
        `${side.padEnd(3)}: median ${median(r.rps).toFixed(1)} req/s, latency p50 ${quantile(r.latencies, 0.5).toFixed(1)} ms, p95 ${quantile(r.latencies, 0.95).toFixed(1)} ms`,
      );
    }
    const offRps = median(results.get("OFF")!.rps);
    const cost = (side: string) => (1 - median(results.get(side)!.rps) / offRps) * 100;
    console.log(`spans received by the loopback collector: ${receiver.spans().length}`);
    console.log(
      `/metrics scrape: p50 ${quantile(scrapeTimes, 0.5).toFixed(1)} ms, max ${Math.max(...scrapeTimes).toFixed(1)} ms (${scrapeTimes.length} scrapes)`,
    );
    console.log(
      `throughput ratio ON/OFF ${(median(results.get("ON")!.rps) / offRps).toFixed(3)}: cost of all observability ${cost("ON").toFixed(1)} %`,
    );
    console.log(
      `throughput ratio MID/OFF ${(median(results.get("MID")!.rps) / offRps).toFixed(3)}: cost of metrics + logs (traces off) ${cost("MID").toFixed(1)} %  (target < 5 %)`,
    );
  } finally {
    if (scraper) clearInterval(scraper);
    for (const s of servers) {
      try {
        process.kill(-s.child.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await receiver.close();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

void runScript(main);
