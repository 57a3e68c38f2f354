// One prom-client registry per process, kept on globalThis so every Next bundle
// (instrumentation, proxy, route handlers, server actions) shares it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // These three are gauges named like counters (promtool's lint rejects them);
  // nodejs_active_handles/requests/resources{type} carry the same numbers.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) {
    registry.removeSingleMetric(name);
  }
  return {
    registry,
    requestDuration: new Histogram({
      name: "portal_request_duration_seconds",
      help: "Wall-clock duration of HTTP requests, by route template.",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    requestsInFlight: new Gauge({
      name: "portal_requests_in_flight",
      help: "HTTP requests being served right now.",
      registers: [registry],
    }),
    serverErrors: new Counter({
      name: "portal_server_errors_total",
      help: "Responses with a 5xx status, by route template.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    loginAttempts: new Counter({
      name: "portal_login_attempts_total",
      help: "Login attempts, by outcome and factor (password, totp, recovery, passkey).",
      labelNames: ["ok", "factor"] as const,
      registers: [registry],
    }),
    inviteRedemptions: new Counter({
      name: "portal_invite_redemptions_total",
      help: "Invite redemptions, by outcome.",
      labelNames: ["ok"] as const,
      registers: [registry],
    }),
    csrfBlocks: new Counter({
      name: "portal_csrf_blocks_total",
      help: "Unsafe requests refused by the CSRF guard.",
      registers: [registry],
    }),
    rateLimitBlocks: new Counter({
      name: "portal_ratelimit_blocks_total",
      help: "Requests refused by a rate limit, by scope.",
      labelNames: ["scope"] as const,
      registers: [registry],
    }),
    rateLimitStoreUp: new Gauge({
      name: "portal_ratelimit_store_up",
      help: "1 while the rate-limit store answers (local: the SQLite file; redis: Redis), 0 while its fallback counts.",
      labelNames: ["store"] as const,
      // Across worker processes the server is only as up as its worst worker.
      aggregator: "min",
      registers: [registry],
    }),
    vaultDecrypt: new Histogram({
      name: "portal_vault_decrypt_seconds",
      help: "AES-256-GCM decrypt latency of vault columns.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
      registers: [registry],
    }),
  };
}

export type PortalMetrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { miniportalMetrics?: PortalMetrics };

export function metrics(): PortalMetrics {
  globalForMetrics.miniportalMetrics ??= createMetrics();
  return globalForMetrics.miniportalMetrics;
}
