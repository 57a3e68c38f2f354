// Where the e2e portals run and the values planted in them (the privacy check looks for them).
// Each Playwright worker slot (TEST_PARALLEL_INDEX) has a portal of its own — port range,
// data dir, log, span and error-report files, rate-limit store — so specs in different
// workers never meet. Global setup starts one per slot; a spec reads its own slot's values
// through the constants below (evaluated in the worker, where the index is set).
import path from "node:path";

/** Ports per slot: the portal, its OTLP, Sentry and SMTP receivers (+1…+3), and the extra servers specs start (+5, +11…+14). */
const PORTS_PER_SLOT = 20;
const FIRST_PORT = Number(process.env.E2E_PORT || 3210);

/** The directory the portals run from: the test run's clean build (MINIPORTAL_TEST_APP_DIR), else this checkout. */
export const E2E_APP_DIR = path.resolve(process.env.MINIPORTAL_TEST_APP_DIR || ".");

export const PLANTED = {
  authSecret: "e2e-auth-secret-PLANTED-7f3a9c1e5b2d4f6a8c0e",
  masterPass: "e2e-master-pass-PLANTED-b81d3f5a7c9e",
  metricsToken: "e2e-metrics-token-PLANTED-4c6e8a0b",
  smtpPass: "e2e-smtp-pass-PLANTED-9d2b6f0a",
};

// E2E_DATABASE=postgresql runs the portals on fresh PostgreSQL databases that
// global-setup creates (on MINIPORTAL_POSTGRES_ADMIN_URL's server) and drops after.
export const E2E_ON_POSTGRES = process.env.E2E_DATABASE === "postgresql";

export type Slot = {
  index: number;
  port: number;
  baseUrl: string;
  dir: string;
  dataDir: string;
  logFile: string;
  stateFile: string;
  pidFile: string;
  otlpPort: number;
  spansFile: string;
  spansRawFile: string;
  sentryPort: number;
  sentryFile: string;
  smtpPort: number;
  mailFile: string;
  env: Record<string, string>;
};

export function slot(index: number): Slot {
  const port = FIRST_PORT + index * PORTS_PER_SLOT;
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = path.resolve(`test-results/e2e-portal-${index}`);
  const dataDir = path.join(dir, "data");
  const otlpPort = port + 1;
  const sentryPort = port + 2;
  const smtpPort = port + 3;
  return {
    index,
    port,
    baseUrl,
    dir,
    dataDir,
    logFile: path.join(dir, "server.log"),
    stateFile: path.join(dir, "state.json"),
    pidFile: path.join(dir, "server.pid"),
    otlpPort,
    spansFile: path.join(dir, "otlp-spans.jsonl"),
    spansRawFile: path.join(dir, "otlp-raw.bin"),
    sentryPort,
    sentryFile: path.join(dir, "sentry-envelopes.jsonl"),
    smtpPort,
    mailFile: path.join(dir, "mail.jsonl"),
    env: {
      PORT: String(port),
      MINIPORTAL_DATA_DIR: dataDir,
      MINIPORTAL_BASE_URL: baseUrl,
      AUTH_SECRET: PLANTED.authSecret,
      PORTAL_MASTER_PASS: PLANTED.masterPass,
      MINIPORTAL_LOG_JSON: "1",
      MINIPORTAL_LOG_LEVEL: "debug",
      // The specs written for SM-2 grade 0-5; e2e/52-fsrs-review.spec.ts switches its student to FSRS.
      MINIPORTAL_SCHEDULER: "sm2",
      // The specs that sign in as admin are about other things; e2e/93-two-factor.spec.ts
      // starts a portal of its own in the default (required) mode.
      MINIPORTAL_ADMIN_2FA: "optional",
      NEXT_TELEMETRY_DISABLED: "1",
      // Observability (e2e/30-observability*, the privacy check): /metrics needs the token
      // (read it with e2e/support/metrics.ts), spans go to the loopback receiver and
      // are exported every 0.5 s, and /test-support/server-error throws a 500.
      MINIPORTAL_METRICS_TOKEN: PLANTED.metricsToken,
      MINIPORTAL_OTLP_ENDPOINT: `http://127.0.0.1:${otlpPort}`,
      OTEL_BSP_SCHEDULE_DELAY: "500",
      MINIPORTAL_TEST_ROUTES: "1",
      // Error reporting (e2e/32-sentry.spec.ts) to the loopback receiver.
      SENTRY_DSN: `http://e2epublickey@127.0.0.1:${sentryPort}/7`,
      SENTRY_ENVIRONMENT: "e2e",
      // Email (e2e/90-announcements, 91-mail-preferences, 82/83) to the slot's loopback SMTP server, with a planted password.
      MINIPORTAL_SMTP_URL: `smtp://e2e:${PLANTED.smtpPass}@127.0.0.1:${smtpPort}`,
      MINIPORTAL_MAIL_FROM: "Miniportal e2e <portal@e2e.example.org>",
      MINIPORTAL_MAIL_POLL_MS: "1000",
      // A send that fails once (say, a greeting slower than 10 s on a loaded machine) goes
      // again after ~2 s, not the product's 30 s, which would outlast a spec's mail wait.
      MINIPORTAL_MAIL_RETRY_BASE_MS: "2000",
    },
  };
}

/** This worker's slot (0 outside a worker: global setup and teardown address slots by index). */
export const SLOT = slot(Number(process.env.TEST_PARALLEL_INDEX || 0));

export const E2E_PORT = SLOT.port;
export const E2E_BASE_URL = SLOT.baseUrl;
export const E2E_DIR = SLOT.dir;
export const E2E_DATA_DIR = SLOT.dataDir;
export const E2E_LOG_FILE = SLOT.logFile;
export const E2E_STATE_FILE = SLOT.stateFile;
export const E2E_OTLP_PORT = SLOT.otlpPort;
export const E2E_SPANS_FILE = SLOT.spansFile;
export const E2E_SPANS_RAW_FILE = SLOT.spansRawFile;
export const E2E_SENTRY_FILE = SLOT.sentryFile;
export const E2E_MAIL_FILE = SLOT.mailFile;
export const E2E_ENV = SLOT.env;

/** What global setup records for a slot: the first-run admin invite and, on PostgreSQL, the database. */
export type E2EState = { adminInviteUrl: string | null; databaseUrl: string | null };

/** The slots global setup started (one per Playwright worker), from the run's slot count file. */
export const SLOT_COUNT_FILE = path.resolve("test-results/e2e-slots.json");
