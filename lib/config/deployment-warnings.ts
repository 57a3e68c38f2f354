// Settings that work but are wrong for the deployment they describe; printed
// loudly at startup rather than refused, so a trial still starts.
import type { Env } from "../env";
import { providerOf } from "../db/provider";

export function deploymentWarnings(config: Env): string[] {
  const warnings: string[] = [];
  if (providerOf(config.databaseUrl) === "postgresql" && !config.REDIS_URL) {
    warnings.push(
      "WARNING: DATABASE_URL is PostgreSQL (several instances) but REDIS_URL is not set: each instance keeps its own " +
        "in-memory rate limits, so an attacker gets the login limit once per instance. Set REDIS_URL=redis://… shared by every instance.",
    );
  }
  return warnings;
}
