// Every setting the portal reads, validated in one place. A bad value stops
// startup with a message naming the variable and what to set.
import "server-only";
import { z } from "zod";
import path from "node:path";
import { readGeneratedSecrets } from "./config/secrets-file";

const bool = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v)));

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: intIn(1, 65535, 3000),
  MINIPORTAL_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .optional(),
  MINIPORTAL_BASE_URL: z.url("must be an absolute URL such as https://portal.example.org").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  PORTAL_MASTER_PASS: z.string().min(16, "must be at least 16 characters"),
  MINIPORTAL_LOG_LEVEL: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]))
    .default("info"),
  MINIPORTAL_LOG_JSON: bool(false),
  METRICS_ENABLED: bool(true),
  MINIPORTAL_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  MINIPORTAL_OTLP_ENDPOINT: z.url("must be a URL such as http://127.0.0.1:4318").optional(),
  // Enables /test-support/* routes (a deliberate 500) for the e2e suites; never in production.
  MINIPORTAL_TEST_ROUTES: bool(false),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  MINIPORTAL_TRUSTED_PROXIES: intIn(0, 10, 0),
  MINIPORTAL_SESSION_IDLE_MINUTES: intIn(5, 7 * 24 * 60, 60 * 12),
  MINIPORTAL_SESSION_MAX_HOURS: intIn(1, 24 * 90, 24 * 7),
  MINIPORTAL_INVITE_TTL_HOURS: intIn(1, 24 * 60, 24 * 7),
});

export type Env = z.infer<typeof schema> & { databaseUrl: string; dataDir: string; secretsFile: string };

export class ConfigError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const dataDir = path.resolve(/* turbopackIgnore: true */ source.MINIPORTAL_DATA_DIR || "./data");
  const generated = readGeneratedSecrets(dataDir);
  // Explicit environment variables always win over generated secrets.
  const merged = {
    ...source,
    AUTH_SECRET: source.AUTH_SECRET || generated.AUTH_SECRET,
    PORTAL_MASTER_PASS: source.PORTAL_MASTER_PASS || generated.PORTAL_MASTER_PASS,
  };
  const blanksRemoved = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ""));
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const hint = issue.code === "invalid_type" && blanksRemoved[name] === undefined ? "is not set" : issue.message;
      return `  ${name} ${hint}`;
    });
    throw new ConfigError(`Miniportal configuration is invalid:\n${lines.join("\n")}\nSet these environment variables (see README, Configuration).`);
  }
  const env = result.data;
  return {
    ...env,
    dataDir,
    secretsFile: path.join(/* turbopackIgnore: true */ dataDir, "secrets.json"),
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(/* turbopackIgnore: true */ dataDir, "miniportal.db")}`,
  };
}

const globalForEnv = globalThis as unknown as { miniportalEnv?: Env };

/** The validated configuration of this process, read once. */
export function env(): Env {
  globalForEnv.miniportalEnv ??= parseEnv(process.env);
  return globalForEnv.miniportalEnv;
}

/** For tests and scripts that change process.env after startup. */
export function resetEnvCache(): void {
  globalForEnv.miniportalEnv = undefined;
}
