// Starts the portal exactly as a user does (`npm start`: migrate, import, build,
// next start) on a fresh data dir, and records the first-run admin invite.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../../lib/db/temp-database";
import { postgresAdminUrl } from "../../lib/env";
import { startOtlpReceiver } from "./otlp-receiver";
import { startSentryReceiver } from "./sentry-receiver";
import {
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_DIR,
  E2E_ENV,
  E2E_ON_POSTGRES,
  E2E_LOG_FILE,
  E2E_OTLP_PORT,
  E2E_PID_FILE,
  E2E_SENTRY_FILE,
  E2E_SENTRY_PORT,
  E2E_SPANS_FILE,
  E2E_SPANS_RAW_FILE,
  E2E_STATE_FILE,
  type E2EState,
} from "./server-config";

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}; see ${E2E_LOG_FILE}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DATA_DIR, { recursive: true });
  // Spans the portal exports (MINIPORTAL_OTLP_ENDPOINT) for the trace and privacy specs.
  const otlp = await startOtlpReceiver({ port: E2E_OTLP_PORT, spansFile: E2E_SPANS_FILE, rawFile: E2E_SPANS_RAW_FILE });
  // Error reports (SENTRY_DSN) for the error-reporting spec.
  const sentry = await startSentryReceiver({ port: E2E_SENTRY_PORT, file: E2E_SENTRY_FILE });
  const database = E2E_ON_POSTGRES ? uniqueDatabaseName("mp_e2e") : null;
  const databaseEnv = database ? { DATABASE_URL: await createDatabase(postgresAdminUrl(), database) } : {};
  const log = openSync(E2E_LOG_FILE, "a");
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: { ...process.env, ...E2E_ENV, ...databaseEnv },
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  writeFileSync(E2E_PID_FILE, String(child.pid));
  child.unref();

  await waitFor(
    async () => {
      try {
        return (await fetch(`${E2E_BASE_URL}/health`)).ok;
      } catch {
        return false;
      }
    },
    8 * 60_000,
    "the portal to become ready",
  ).catch(async (error: unknown) => {
    // Playwright runs no teardown when setup fails: stop the portal (global-teardown
    // reads the pid file) and drop the PostgreSQL database here.
    const { default: teardown } = await import("./global-teardown");
    await teardown();
    if (database) await dropDatabase(postgresAdminUrl(), database);
    await otlp.close();
    throw error;
  });

  const output = readFileSync(E2E_LOG_FILE, "utf8");
  const state: E2EState = { adminInviteUrl: /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null };
  writeFileSync(E2E_STATE_FILE, JSON.stringify(state));
  // After global-teardown has stopped the portal.
  return async () => {
    await otlp.close();
    await sentry.close();
    if (database) await dropDatabase(postgresAdminUrl(), database);
  };
}
