// Where the e2e portal runs and the values planted in it (the privacy tests look for them).
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT || 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DIR = path.resolve("test-results/e2e-portal");
export const E2E_DATA_DIR = path.join(E2E_DIR, "data");
export const E2E_LOG_FILE = path.join(E2E_DIR, "server.log");
export const E2E_STATE_FILE = path.join(E2E_DIR, "state.json");
export const E2E_PID_FILE = path.join(E2E_DIR, "server.pid");
// The loopback OTLP receiver global-setup starts; what it receives lands in these files.
export const E2E_OTLP_PORT = Number(process.env.E2E_OTLP_PORT || E2E_PORT + 1);
export const E2E_SPANS_FILE = path.join(E2E_DIR, "otlp-spans.jsonl");
export const E2E_SPANS_RAW_FILE = path.join(E2E_DIR, "otlp-raw.bin");

// The loopback Sentry receiver global-setup starts (SENTRY_DSN); envelopes land in this file.
export const E2E_SENTRY_PORT = Number(process.env.E2E_SENTRY_PORT || E2E_PORT + 2);
export const E2E_SENTRY_FILE = path.join(E2E_DIR, "sentry-envelopes.jsonl");

export const PLANTED = {
  authSecret: "e2e-auth-secret-PLANTED-7f3a9c1e5b2d4f6a8c0e",
  masterPass: "e2e-master-pass-PLANTED-b81d3f5a7c9e",
  metricsToken: "e2e-metrics-token-PLANTED-4c6e8a0b",
};

export const E2E_ENV: Record<string, string> = {
  PORT: String(E2E_PORT),
  MINIPORTAL_DATA_DIR: E2E_DATA_DIR,
  MINIPORTAL_BASE_URL: E2E_BASE_URL,
  AUTH_SECRET: PLANTED.authSecret,
  PORTAL_MASTER_PASS: PLANTED.masterPass,
  MINIPORTAL_LOG_JSON: "1",
  MINIPORTAL_LOG_LEVEL: "debug",
  NEXT_TELEMETRY_DISABLED: "1",
  // Observability (e2e/30-observability*, 31-privacy): /metrics needs the token
  // (read it with e2e/support/metrics.ts), spans go to the loopback receiver and
  // are exported every 0.5 s, and /test-support/server-error throws a 500.
  MINIPORTAL_METRICS_TOKEN: PLANTED.metricsToken,
  MINIPORTAL_OTLP_ENDPOINT: `http://127.0.0.1:${E2E_OTLP_PORT}`,
  OTEL_BSP_SCHEDULE_DELAY: "500",
  MINIPORTAL_TEST_ROUTES: "1",
  // Error reporting (e2e/32-sentry.spec.ts) to the loopback receiver.
  SENTRY_DSN: `http://e2epublickey@127.0.0.1:${E2E_SENTRY_PORT}/7`,
  SENTRY_ENVIRONMENT: "e2e",
};

// E2E_DATABASE=postgresql runs the portal on a fresh PostgreSQL database that
// global-setup creates (on MINIPORTAL_POSTGRES_ADMIN_URL's server) and drops after.
export const E2E_ON_POSTGRES = process.env.E2E_DATABASE === "postgresql";

export type E2EState = { adminInviteUrl: string | null };
