// Starts one portal per Playwright worker slot exactly as a user does (`npm start`:
// migrate, import, next start) on a fresh data dir each, from the run's one build,
// and records each slot's first-run admin invite. The build is made here only when
// the run has none yet (`npm test` makes it first, the Dockerfile's way).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { buildIsCurrent } from "../../lib/config/build-stamp";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "../../lib/db/temp-database";
import { postgresAdminUrl } from "../../lib/env";
import { startOtlpReceiver } from "./otlp-receiver";
import { startSentryReceiver } from "./sentry-receiver";
import { startSmtpReceiver } from "./smtp-receiver";
import {
  E2E_APP_DIR,
  E2E_ON_POSTGRES,
  type E2EState,
  PLANTED,
  SLOT_COUNT_FILE,
  type Slot,
  slot,
} from "./server-config";
import { stopSlotPortal } from "./global-teardown";

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

function ensureBuild(): void {
  if (buildIsCurrent(E2E_APP_DIR)) return;
  console.log(`e2e: no current build in ${E2E_APP_DIR}; running npm run build`);
  const started = Date.now();
  const result = spawnSync("npm", ["run", "build"], { cwd: E2E_APP_DIR, stdio: "inherit", env: process.env });
  // npm run build records the build stamp itself (scripts/build.ts).
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status}) in ${E2E_APP_DIR}`);
  console.log(`e2e: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

type Started = { close: () => Promise<void> };

async function startSlot(s: Slot): Promise<Started> {
  rmSync(s.dir, { recursive: true, force: true });
  mkdirSync(s.dataDir, { recursive: true });
  // Spans the portal exports (MINIPORTAL_OTLP_ENDPOINT) for the trace and privacy checks.
  const otlp = await startOtlpReceiver({ port: s.otlpPort, spansFile: s.spansFile, rawFile: s.spansRawFile });
  // Error reports (SENTRY_DSN) for the error-reporting spec.
  const sentry = await startSentryReceiver({ port: s.sentryPort, file: s.sentryFile });
  // Invite and reset emails (MINIPORTAL_SMTP_URL) for the email spec.
  const smtp = await startSmtpReceiver({ port: s.smtpPort, file: s.mailFile, user: "e2e", pass: PLANTED.smtpPass });
  const database = E2E_ON_POSTGRES ? uniqueDatabaseName(`mp_e2e${s.index}`) : null;
  const databaseUrl = database ? await createDatabase(postgresAdminUrl(), database) : null;
  const close = async () => {
    await otlp.close();
    await sentry.close();
    await smtp.close();
    if (database) await dropDatabase(postgresAdminUrl(), database);
  };
  const log = openSync(s.logFile, "a");
  const child = spawn(process.execPath, [path.join(E2E_APP_DIR, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: E2E_APP_DIR,
    env: { ...process.env, ...s.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  writeFileSync(s.pidFile, String(child.pid));
  child.unref();
  let exited = false;
  child.once("exit", () => (exited = true));

  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`the portal of slot ${s.index} exited while starting:\n${tail(s.logFile)}`);
        return fetch(`${s.baseUrl}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      4 * 60_000,
      `the portal of slot ${s.index} (${s.baseUrl}/health); log: ${s.logFile}`,
    );
  } catch (error) {
    // Playwright runs no teardown when setup fails: stop what was started here.
    await stopSlotPortal(s);
    await close();
    throw error;
  }
  const output = readFileSync(s.logFile, "utf8");
  const state: E2EState = {
    adminInviteUrl: /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(output)?.[1] ?? null,
    databaseUrl,
  };
  writeFileSync(s.stateFile, JSON.stringify(state));
  return { close };
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-3000);
  } catch {
    return "(no log)";
  }
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  ensureBuild();
  const slots = Array.from({ length: config.workers }, (_, i) => slot(i));
  mkdirSync(path.dirname(SLOT_COUNT_FILE), { recursive: true });
  writeFileSync(SLOT_COUNT_FILE, JSON.stringify(slots.length));
  const started = await Promise.allSettled(slots.map(startSlot));
  const failed = started.find((r) => r.status === "rejected");
  const closers = started.flatMap((r) => (r.status === "fulfilled" ? [r.value.close] : []));
  if (failed) {
    for (const s of slots) await stopSlotPortal(s);
    for (const close of closers) await close();
    throw failed.reason;
  }
  // After global-teardown has stopped the portals.
  return async () => {
    for (const close of closers) await close();
  };
}
