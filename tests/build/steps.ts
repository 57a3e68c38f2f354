// Child processes for the build test. Each step has its own deadline and, when it
// fails, says which step, which command and what it printed last — never only a
// test-runner timeout.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

const SECRETS = [
  "AUTH_SECRET",
  "PORTAL_MASTER_PASS",
  "NEXTAUTH_SECRET",
  "MINIPORTAL_METRICS_TOKEN",
  "SENTRY_DSN",
  "DATABASE_URL",
  "REDIS_URL",
];

/**
 * This process's environment without any secret or portal setting (as on a build
 * machine or a first start), plus `extra`. NODE_ENV goes too: Vitest sets it to
 * "test", which neither the image nor an operator's shell has.
 */
export function secretlessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (SECRETS.includes(name) || /^(MINIPORTAL_|E2E_)/.test(name) || name === "NODE_ENV") continue;
    env[name] = value;
  }
  // Without NODE_ENV, as a shell without it; the type insists on one.
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

const TAIL = 6000;

export type Running = {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr interleaved, capped at the last 2 MB). */
  output: () => string;
  exited: Promise<number | null>;
  describe: (what: string) => string;
};

/** Starts `sh -c command` in its own process group (so a deadline can stop all of it). */
export function start(command: string, cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn("sh", ["-c", command], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const append = (d: Buffer) => {
    output += d.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    describe: (what) => `${what}\n  command: ${command}\n  in: ${cwd}\n--- last output ---\n${output.slice(-TAIL)}`,
  };
}

/** Stops the whole process group at once (a deadline passed, or cleanup). */
export function killGroup(running: Running, signal: NodeJS.Signals = "SIGKILL"): void {
  if (running.child.exitCode !== null || running.child.signalCode !== null || !running.child.pid) return;
  try {
    process.kill(-running.child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a step to completion within `timeoutMs`; throws naming the step unless it exits 0. */
export async function runStep(
  name: string,
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ output: string; seconds: number }> {
  const started = Date.now();
  const running = start(command, cwd, env);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const result = await Promise.race([running.exited, deadline]);
  clearTimeout(timer);
  if (result === "timeout") {
    killGroup(running);
    throw new Error(running.describe(`step "${name}" did not finish within ${timeoutMs / 1000} s`));
  }
  if (result !== 0) throw new Error(running.describe(`step "${name}" failed (exit ${result})`));
  return { output: running.output(), seconds: (Date.now() - started) / 1000 };
}

/** Polls `check` until it holds; throws naming `what` at the deadline or when `running` exits first. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  running: Running,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (running.child.exitCode !== null)
      throw new Error(running.describe(`exited (code ${running.child.exitCode}) before ${what}`));
    if (Date.now() > deadline) throw new Error(running.describe(`no ${what} within ${timeoutMs / 1000} s`));
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
