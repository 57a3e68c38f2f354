// Settings that work but are wrong for the deployment they describe; printed
// loudly at startup rather than refused, so a trial still starts.
import type { Env } from "../env";
import { providerOf } from "../db/provider";
import { isPublicBaseUrl } from "../observability/metrics-access";

export function deploymentWarnings(config: Env): string[] {
  const warnings: string[] = [];
  if (providerOf(config.databaseUrl) === "postgresql" && !config.REDIS_URL) {
    warnings.push(
      "WARNING: DATABASE_URL is PostgreSQL (several instances) but REDIS_URL is not set: each instance keeps its own " +
        "in-memory rate limits, so an attacker gets the login limit once per instance. Set REDIS_URL=redis://… shared by every instance.",
    );
  }
  if (config.METRICS_ENABLED && !config.MINIPORTAL_METRICS_TOKEN && isPublicBaseUrl(config.baseUrl)) {
    warnings.push(
      `WARNING: MINIPORTAL_BASE_URL (${config.baseUrl}) is a public address but MINIPORTAL_METRICS_TOKEN is not set: ` +
        "/metrics answers only loopback and private-network scrapers, and anyone there (or any proxy in front that does " +
        "not pass X-Forwarded-For with MINIPORTAL_TRUSTED_PROXIES set) can read it. Set MINIPORTAL_METRICS_TOKEN=$(openssl rand -hex 24) " +
        "and give Prometheus the same value (bearer token), or METRICS_ENABLED=0.",
    );
  }
  return warnings;
}
