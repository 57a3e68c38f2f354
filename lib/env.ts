// Every setting the portal reads, validated in one place. A bad value stops
// startup with a message naming the variable and what to set.
import "server-only";
import { z } from "zod";
import path from "node:path";
import { readGeneratedSecrets } from "./config/secrets-file";
import { isTimeZone } from "./time/zones";
import { smtpUrlProblem } from "./mail/smtp-url";
import { usableCores } from "./server/cpu-cores";

const bool = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v)));

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const schema = z
  .object({
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
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
    // The scheduler a NEW student gets (docs/review.md); existing students keep theirs and
    // each student may switch on /account.
    MINIPORTAL_SCHEDULER: z.enum(["sm2", "fsrs"], "must be sm2 or fsrs").default("fsrs"),
    // Whether admins must have a second factor (docs/two-factor.md); students may always enrol.
    MINIPORTAL_ADMIN_2FA: z.enum(["required", "optional"], "must be required or optional").default("required"),
    // How old the last second-factor check may be before a sensitive admin action asks again.
    MINIPORTAL_STEP_UP_MINUTES: intIn(1, 24 * 60, 15),
    MINIPORTAL_TRUSTED_PROXIES: intIn(0, 10, 0),
    MINIPORTAL_SESSION_IDLE_MINUTES: intIn(5, 7 * 24 * 60, 60 * 12),
    MINIPORTAL_SESSION_MAX_HOURS: intIn(1, 24 * 90, 24 * 7),
    MINIPORTAL_INVITE_TTL_HOURS: intIn(1, 24 * 60, 24 * 7),
    MINIPORTAL_RESET_TTL_HOURS: intIn(1, 24 * 14, 24),
    // Server worker processes behind one port (lib/server/primary.ts): by default one per
    // core this process may use, followed while it serves (see workersFollowCores).
    MINIPORTAL_WORKERS: intIn(1, 64, Math.min(64, usableCores())),
    // How long a stop (SIGTERM/SIGINT) may take: drain, then force-close and exit.
    MINIPORTAL_SHUTDOWN_TIMEOUT_S: intIn(1, 600, 10),
    // Set by the primary for its workers, never by operators: a worker's number, and the
    // marker that tells Next's own forwarded requests apart (shared so any worker knows it).
    MINIPORTAL_WORKER_ID: z.coerce.number().int().min(1).optional(),
    // Several instances behind a balancer (docs/scale-out.md): this one's name, on every response and log line.
    MINIPORTAL_INSTANCE: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be 1-64 letters, digits, '.', '_', ':' or '-' (e.g. app-1)")
      .optional(),
    MINIPORTAL_FORWARD_MARKER: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
    // Error reporting (lib/observability/sentry.ts): off unless a DSN is set.
    SENTRY_DSN: z.url("must be a Sentry DSN such as https://<key>@o0.ingest.sentry.io/<project>").optional(),
    SENTRY_ENVIRONMENT: z.string().min(1).max(64).optional(),
    // Release = package version + commit; the commit comes from here or from .git (lib/release.ts).
    MINIPORTAL_GIT_COMMIT: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/i, "must be a git commit hash (git rev-parse HEAD)")
      .optional(),
    // Off-site backups (lib/backup/offsite/): docs/backup-restore.md#off-site-backups.
    MINIPORTAL_BACKUP_OFFSITE: bool(false),
    MINIPORTAL_BACKUP_S3_URL: z
      .string()
      .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/, "must look like s3://bucket/prefix")
      .optional(),
    MINIPORTAL_BACKUP_S3_ENDPOINT: z
      .url("must be the service URL, e.g. https://s3.eu-central-003.backblazeb2.com")
      .optional(),
    MINIPORTAL_BACKUP_KEY: z
      .string()
      .refine(
        (v) => Buffer.from(v, "base64").length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(v),
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
    MINIPORTAL_BACKUP_OFFSITE_KEEP: intIn(1, 10_000, 30),
    MINIPORTAL_BACKUP_OFFSITE_MAX_AGE_DAYS: intIn(1, 3650, 90),
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // Email (lib/mail/): off unless an SMTP URL is set; the URL's credentials are never logged.
    MINIPORTAL_SMTP_URL: z
      .string()
      .refine((v) => smtpUrlProblem(v) === null, { error: (issue) => smtpUrlProblem(String(issue.input)) ?? "" })
      .optional(),
    MINIPORTAL_MAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>@\r\n]{1,80} <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        'must be an address such as portal@example.org or "Miniportal <portal@example.org>"',
      )
      .optional(),
    // The cohort's time zone: the daily reminder goes at MINIPORTAL_MAIL_HOUR there (a student may choose another).
    MINIPORTAL_TIMEZONE: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Madrid or America/Mexico_City")
      .default("UTC"),
    MINIPORTAL_MAIL_HOUR: intIn(0, 23, 18),
    // How often the sender looks for new mail, and the first retry's delay (doubling up to an hour).
    MINIPORTAL_MAIL_POLL_MS: intIn(200, 60_000, 2000),
    MINIPORTAL_MAIL_RETRY_BASE_MS: intIn(100, 3600_000, 30_000),
    AWS_REGION: z
      .string()
      .regex(/^[a-z0-9-]+$/, "must be a region name such as eu-central-1")
      .default("us-east-1"),
  })
  .refine((e) => !e.MINIPORTAL_SMTP_URL || e.MINIPORTAL_MAIL_FROM, {
    path: ["MINIPORTAL_MAIL_FROM"],
    message: "must be set with MINIPORTAL_SMTP_URL: the sender address, such as portal@example.org",
  });

export type Env = z.infer<typeof schema> & {
  databaseUrl: string;
  dataDir: string;
  secretsFile: string;
  /** Every absolute URL the portal makes (invite links) comes from here, never from a request's Host. */
  baseUrl: string;
  /** MINIPORTAL_WORKERS unset: the worker count follows the usable cores while serving. */
  workersFollowCores: boolean;
};

export class ConfigError extends Error {}

/** Where the data lives, before the rest of the configuration (and its secrets) can be read. */
export function dataLocation(source: NodeJS.ProcessEnv): { dataDir: string; databaseUrl: string } {
  const dataDir = path.resolve(/* turbopackIgnore: true */ source.MINIPORTAL_DATA_DIR || "./data");
  const explicit = source.DATABASE_URL || undefined;
  return {
    dataDir,
    databaseUrl: explicit ?? `file:${path.join(/* turbopackIgnore: true */ dataDir, "miniportal.db")}`,
  };
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const { dataDir } = dataLocation(source);
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
    throw new ConfigError(
      `Miniportal configuration is invalid:\n${lines.join("\n")}\nSet these environment variables (see README, Configuration).`,
    );
  }
  const env = result.data;
  return {
    ...env,
    dataDir,
    secretsFile: path.join(/* turbopackIgnore: true */ dataDir, "secrets.json"),
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(/* turbopackIgnore: true */ dataDir, "miniportal.db")}`,
    baseUrl: new URL(env.MINIPORTAL_BASE_URL ?? `http://localhost:${env.PORT}`).origin,
    workersFollowCores: blanksRemoved.MINIPORTAL_WORKERS === undefined,
  };
}

export type OffsiteSettings = {
  bucket: string;
  /** Key prefix without leading or trailing slash ("" for the bucket root). */
  prefix: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  key: Buffer;
  keep: number;
  maxAgeDays: number;
};

/** Off-site backup settings, or a ConfigError naming every variable still missing. */
export function offsiteSettings(e: Env): OffsiteSettings {
  const missing: string[] = [];
  if (!e.MINIPORTAL_BACKUP_S3_URL) missing.push("  MINIPORTAL_BACKUP_S3_URL is not set (s3://bucket/prefix)");
  if (!e.MINIPORTAL_BACKUP_KEY)
    missing.push("  MINIPORTAL_BACKUP_KEY is not set (openssl rand -base64 32; keep a copy off this server)");
  if (Boolean(e.AWS_ACCESS_KEY_ID) !== Boolean(e.AWS_SECRET_ACCESS_KEY))
    missing.push("  AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together");
  if (missing.length || !e.MINIPORTAL_BACKUP_S3_URL || !e.MINIPORTAL_BACKUP_KEY) {
    throw new ConfigError(
      `Off-site backups are not configured:\n${missing.join("\n")}\nSee docs/backup-restore.md (Off-site backups).`,
    );
  }
  const [bucket = "", ...rest] = e.MINIPORTAL_BACKUP_S3_URL.slice("s3://".length).split("/");
  return {
    bucket,
    prefix: rest.join("/").replace(/^\/+|\/+$/g, ""),
    endpoint: e.MINIPORTAL_BACKUP_S3_ENDPOINT,
    region: e.AWS_REGION,
    credentials:
      e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
        ? { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY }
        : undefined,
    key: Buffer.from(e.MINIPORTAL_BACKUP_KEY, "base64"),
    keep: e.MINIPORTAL_BACKUP_OFFSITE_KEEP,
    maxAgeDays: e.MINIPORTAL_BACKUP_OFFSITE_MAX_AGE_DAYS,
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

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL");

/**
 * A PostgreSQL server on which the tools may create and drop throwaway databases
 * (db:diff's shadow databases, the PostgreSQL test runs). Read on its own: these
 * tools need none of the portal's secrets.
 */
export function postgresAdminUrl(source: NodeJS.ProcessEnv = process.env): string {
  const value = source.MINIPORTAL_POSTGRES_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  const result = postgresUrl.safeParse(value);
  if (!result.success)
    throw new ConfigError(`MINIPORTAL_POSTGRES_ADMIN_URL ${result.error.issues[0]?.message ?? "is invalid"}`);
  return result.data;
}
