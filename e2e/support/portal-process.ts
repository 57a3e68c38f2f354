// A second portal for the process specs: `npm start` exactly as an operator runs
// it (its own port and data dir, the build global-setup made), plus what those
// specs need around it: the process tree, load that keeps sockets alive, and
// simulated students whose acknowledged saves are read back after a restart.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { inviteStudents, type Student } from "../../scripts/loadtest/invites";
import { type ActionIds, loadActionIds } from "../../scripts/loadtest/next-actions";
import { Recorder } from "../../scripts/loadtest/recorder";
import { type StudentRun, readBack, runStudent } from "../../scripts/loadtest/student";
import { withDataDirDb } from "./seed";
import { E2E_APP_DIR, PLANTED } from "./server-config";

export type Portal = {
  child: ChildProcess;
  pid: number;
  base: URL;
  log: () => string;
  exited: Promise<{ code: number | null; at: number }>;
};

export function portalEnv(dataDir: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: String(port),
    MINIPORTAL_DATA_DIR: dataDir,
    MINIPORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: PLANTED.authSecret,
    PORTAL_MASTER_PASS: PLANTED.masterPass,
    MINIPORTAL_LOG_JSON: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    MINIPORTAL_WORKERS: "2",
    MINIPORTAL_SCHEDULER: "sm2",
    // The write rate limits would refuse the drill's own load.
    ...extra,
  };
}

/** `npm start` (not detached: signals go to the npm pid only, as an operator's kill does). */
export function startPortal(
  dataDir: string,
  port: number,
  logFile: string,
  extra: Record<string, string> = {},
): Portal {
  const log = openSync(logFile, "a");
  // Nothing of the runner's own portal settings leaks in; only what the caller asks for.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["MINIPORTAL_OTLP_ENDPOINT", "MINIPORTAL_METRICS_TOKEN", "DATABASE_URL", "REDIS_URL"])
    delete inherited[name];
  const env: NodeJS.ProcessEnv = { ...inherited, ...portalEnv(dataDir, port, extra) };
  const child = spawn("npm", ["start"], { cwd: E2E_APP_DIR, env, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: performance.now() })),
  );
  return {
    child,
    pid: child.pid!,
    base: new URL(`http://127.0.0.1:${port}`),
    log: () => readFileSync(logFile, "utf8"),
    exited,
  };
}

export async function waitUntilReady(portal: Portal, timeoutMs = 5 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void portal.exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    const ok = await fetch(new URL("/health", portal.base)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `the portal on ${portal.base.origin} did not become ready${gone ? " (it exited)" : ""}:\n${portal.log().slice(-3000)}`,
  );
}

export { descendants } from "../../lib/server/process-tree";

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z";
  } catch {
    return false;
  }
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "?";
  }
}

/** Clients that send GET /login back to back on kept-alive sockets until stopped. */
export function keepAliveLoad(base: URL, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const counts = { ok: 0, failed: 0, closedByServer: 0 };
  let running = true;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.get(new URL("/login", base), { agent }, (res) => {
        if (res.headers.connection === "close") counts.closedByServer++;
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) counts.ok++;
          else counts.failed++;
          resolve();
        });
      });
      req.on("error", () => {
        counts.failed++;
        setTimeout(resolve, 50); // refused once the server stopped listening
      });
    });
  const loops = Array.from({ length: sockets }, async () => {
    while (running) await one();
  });
  return {
    counts,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** Simulated students (the load test's) saving notes until stopped; acknowledged saves are kept. */
export async function studentLoad(base: URL, dataDir: string, count: number, runId: string) {
  const students: Student[] = await withDataDirDb(dataDir, () => inviteStudents(count, runId));
  // A freshly started worker renders its first pages slowly (seconds on a busy
  // machine); warm both workers up so the students' 30 s request timeout is not spent there.
  for (let i = 0; i < 4; i++) {
    await fetch(new URL(students[0]!.invitePath, base), { signal: AbortSignal.timeout(120_000) }).then(
      (r) => r.text(),
      () => "",
    );
    await fetch(new URL("/login", base), { signal: AbortSignal.timeout(120_000) }).then(
      (r) => r.text(),
      () => "",
    );
  }
  const { ids } = loadActionIds(path.join(E2E_APP_DIR, ".next"));
  const recorder = new Recorder();
  const ctx = {
    base,
    ids: ids as ActionIds,
    recorder,
    deadline: Infinity,
    thinkMs: 50,
    maxRequests: Infinity,
    oneAddress: false,
    documents: false,
  };
  const runs = students.map((s, i) => runStudent(s, ctx, i * 100));
  return {
    recorder,
    stop: async (): Promise<StudentRun[]> => {
      ctx.deadline = 0;
      return Promise.all(runs);
    },
    /** Saves that read back different or could not be read back at all. */
    readBack: async (runsDone: StudentRun[], at: URL): Promise<string[]> => {
      const readCtx = { ...ctx, base: at, recorder: new Recorder(), deadline: Infinity };
      const results = await Promise.all(runsDone.map((r) => readBack(r, readCtx)));
      return results.flatMap((r) => [...r.lost, ...r.unverified]);
    },
  };
}
