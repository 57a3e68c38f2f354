// npm start, stage two (after scripts/start.ts generated the Prisma client):
// data dir checks and lock → secrets → migrations → vault → course import →
// first admin invite → build → the cluster primary and its server workers.
import { spawn } from "node:child_process";
import path from "node:path";
import { bootstrapAdminInvite } from "../lib/admin/bootstrap";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "../lib/config/build-stamp";
import { ensureGeneratedSecrets } from "../lib/config/secrets-file";
import { syncCourse } from "../lib/content/sync";
import { deploymentWarnings } from "../lib/config/deployment-warnings";
import { isSqliteUrl, sqlitePath } from "../lib/db/adapter";
import { migrateDatabase } from "../lib/db/migrate";
import { redactedUrl } from "../lib/db/provider";
import { dataLocation, env } from "../lib/env";
import { createLogger } from "../lib/observability/logger";
import {
  checkDatabaseFiles,
  createDatabaseFile,
  lockDataDir,
  prepareDataDir,
  refuseSilentFreshInstall,
} from "../lib/server/data-dir";
import { usableCores } from "../lib/server/cpu-cores";
import { onPrimaryStop, runPrimary } from "../lib/server/primary";
import { startPrimaryMail } from "../lib/mail/primary-mail";
import { assertVaultOpens } from "../lib/vault/startup";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const step = (text: string) => console.log(`\u25b8 ${text}`);

/** Runs a step's child process; a stop signal meanwhile stops the child and then us (no orphan build). */
function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
    const forward = (signal: NodeJS.Signals) => {
      stoppedBy = signal;
      child.kill(signal);
    };
    let stoppedBy: NodeJS.Signals | null = null;
    const signals = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
    for (const signal of signals) process.on(signal, forward);
    child.on("exit", (code) => {
      for (const signal of signals) process.off(signal, forward);
      if (stoppedBy)
        reject(
          new Error(`Stopped by ${stoppedBy} during ${path.basename(args[1] ?? command)} (nothing is served yet).`),
        );
      else if (code !== 0) reject(new Error(`${command} ${args.join(" ")} failed (exit ${code})`));
      else resolve();
    });
  });
}

async function main(): Promise<void> {
  process.title = "miniportal";
  const { dataDir, databaseUrl } = dataLocation(process.env);
  process.env.MINIPORTAL_DATA_DIR = dataDir;
  prepareDataDir(dataDir);
  // Before anything reads or writes the data dir (migrations, the import, the admin
  // invite); held until this process exits, whatever happens to the returned handle.
  lockDataDir(
    dataDir,
    dev ? "npm run dev" : "npm start",
    "Stop that Miniportal first, or give this one its own MINIPORTAL_DATA_DIR.",
  );
  if (isSqliteUrl(databaseUrl)) {
    const dbFile = path.resolve(sqlitePath(databaseUrl));
    refuseSilentFreshInstall(dataDir, dbFile);
    createDatabaseFile(dbFile);
    checkDatabaseFiles(dbFile);
  }
  const generated = ensureGeneratedSecrets(dataDir, process.env);
  if (generated.length) {
    console.warn(`! Generated ${generated.join(" and ")} into ${path.join(dataDir, "secrets.json")} (mode 0600).`);
    console.warn("  Fine for a trial; in production set them explicitly and keep that file out of backups you share.");
  }
  const config = env();
  for (const warning of deploymentWarnings(config)) console.warn(`\n!!! ${warning}\n`);

  step(
    `Migrating ${isSqliteUrl(config.databaseUrl) ? sqlitePath(config.databaseUrl) : redactedUrl(config.databaseUrl)}`,
  );
  const applied = await migrateDatabase(config.databaseUrl);
  if (applied.length) console.log(`  applied ${applied.join(", ")}`);

  const { db } = await import("../lib/db/client");
  step("Opening the vault with PORTAL_MASTER_PASS");
  // A wrong pass stops here with a message that names no secret (VaultPassError).
  await assertVaultOpens();
  step("Importing the course from content/");
  const summary = await syncCourse();
  console.log(
    `  ${summary.phases} phases, ${summary.cardsUpserted} cards, ${summary.questionsUpserted} exam questions`,
  );
  const invite = await bootstrapAdminInvite();
  await db().$disconnect();

  if (!dev && !buildIsCurrent(root)) {
    step("Building the portal (next build; first run takes a minute or two)");
    const fingerprint = sourceFingerprint(root); // what the build reads; an edit during it leaves it stale
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      NEXT_TELEMETRY_DISABLED: "1",
    });
    recordBuild(root, fingerprint);
  }

  const base = config.baseUrl;
  if (invite) {
    console.log(`\n  No admin yet. Open this one-time link to create the admin account (${invite.email}):`);
    console.log(`  ${new URL(invite.path, base)}\n  (valid until ${invite.expiresAt.toISOString()})\n`);
    if (config.MINIPORTAL_ADMIN_2FA === "required")
      console.log(
        "  Right after choosing a password, the admin adds a passkey or an authenticator app (docs/two-factor.md).\n",
      );
  }
  if (dev) return serveDev(config.PORT, base);

  step(`Starting ${config.MINIPORTAL_WORKERS} server worker${config.MINIPORTAL_WORKERS === 1 ? "" : "s"}`);
  const log = createLogger({
    level: config.MINIPORTAL_LOG_LEVEL,
    json: config.MINIPORTAL_LOG_JSON,
    worker: 0,
    instance: config.MINIPORTAL_INSTANCE,
  });
  const mail = config.MINIPORTAL_SMTP_URL ? await import("../lib/mail/mail-metrics") : null;
  await runPrimary({
    workerScript: path.join(root, "scripts/worker.ts"),
    workers: config.MINIPORTAL_WORKERS,
    followCores: config.workersFollowCores ? () => Math.min(64, usableCores()) : undefined,
    shutdownTimeoutS: config.MINIPORTAL_SHUTDOWN_TIMEOUT_S,
    metricsEnabled: config.METRICS_ENABLED,
    // The primary's lines name the instance too (a balancer's N instances log side by side).
    log,
    extraMetrics: mail ? () => mail.mailMetrics().registry.getMetricsAsJSON() : undefined,
    // next-auth reads its base URL from NEXTAUTH_URL: the same one as every link the portal makes.
    env: { NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: base },
  });
  step(`Serving on ${base}`);
  const sender = await startPrimaryMail(config, log);
  if (sender) onPrimaryStop(() => sender.stop());
}

/** `npm run dev`: Next's dev server, one process, stopped with us. */
function serveDev(port: number, base: string): void {
  step(`Serving (dev) on ${base}`);
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", String(port)],
    {
      cwd: root,
      stdio: "inherit",
      // next-auth reads its base URL from NEXTAUTH_URL: the same one as every link the portal makes.
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: base },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(`\nMiniportal could not start.\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
