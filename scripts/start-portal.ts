// npm start, stage two (after scripts/start.ts generated the Prisma client):
// secrets → migrations → course import → first admin invite → build → next start.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { bootstrapAdminInvite } from "../lib/admin/bootstrap";
import { buildIsCurrent, recordBuild } from "../lib/config/build-stamp";
import { ensureGeneratedSecrets } from "../lib/config/secrets-file";
import { syncCourse } from "../lib/content/sync";
import { migrateDatabase } from "../lib/db/migrate";
import { env } from "../lib/env";
import { assertVaultOpens } from "../lib/vault/startup";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const step = (text: string) => console.log(`\u25b8 ${text}`);

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

async function main(): Promise<void> {
  process.env.MINIPORTAL_DATA_DIR = path.resolve(process.env.MINIPORTAL_DATA_DIR || "./data");
  mkdirSync(process.env.MINIPORTAL_DATA_DIR, { recursive: true, mode: 0o700 });
  const generated = ensureGeneratedSecrets(process.env.MINIPORTAL_DATA_DIR, process.env);
  if (generated.length) {
    console.warn(`! Generated ${generated.join(" and ")} into ${path.join(process.env.MINIPORTAL_DATA_DIR, "secrets.json")} (mode 0600).`);
    console.warn("  Fine for a trial; in production set them explicitly and keep that file out of backups you share.");
  }
  const config = env();

  step(`Migrating ${config.databaseUrl.startsWith("file:") ? config.databaseUrl.slice(5) : "the database"}`);
  const applied = await migrateDatabase(config.databaseUrl);
  if (applied.length) console.log(`  applied ${applied.join(", ")}`);

  const { db } = await import("../lib/db/client");
  step("Opening the vault with PORTAL_MASTER_PASS");
  // A wrong pass stops here with a message that names no secret (VaultPassError).
  await assertVaultOpens();
  step("Importing the course from content/");
  const summary = await syncCourse();
  console.log(`  ${summary.phases} phases, ${summary.cardsUpserted} cards, ${summary.questionsUpserted} exam questions`);
  const invite = await bootstrapAdminInvite();
  await db().$disconnect();

  if (!dev && !buildIsCurrent(root)) {
    step("Building the portal (next build; first run takes a minute or two)");
    run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
    recordBuild(root);
  }

  const base = config.MINIPORTAL_BASE_URL ?? `http://localhost:${config.PORT}`;
  if (invite) {
    console.log("\n  No admin yet. Open this one-time link to create the admin account:");
    console.log(`  ${new URL(invite.path, base)}\n  (valid until ${invite.expiresAt.toISOString()})\n`);
  }
  step(`Serving on ${base}`);
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), dev ? "dev" : "start", "-p", String(config.PORT)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  console.error(`\nMiniportal could not start.\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
