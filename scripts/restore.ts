// npm run restore -- <backup file | s3://bucket/key> [--yes]
// An s3:// object is downloaded into <data dir>/backups/, decrypted with
// MINIPORTAL_BACKUP_KEY and hash-checked first (a pg_dump archive gets its manifest
// back from the authenticated header), then restored like a local file. A backup
// of the other kind of database (SQLite vs PostgreSQL) is refused.
// Replaces the configured database (SQLite file, or PostgreSQL database from a
// pg_dump archive) with a verified backup; the replaced database is kept aside.
// Refuses while the portal is running.
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { totalRows } from "../lib/backup/inspect";
import { checkBackup, restoreBackup } from "../lib/backup/restore";
import { checkPostgresBackup, restorePostgresBackup } from "../lib/backup/postgres";
import { fetchOffsite } from "../lib/backup/offsite/offsite";
import { parseS3Url } from "../lib/backup/offsite/s3";
import { backupDirOf, sqliteFileOf } from "../lib/backup/target";
import { providerOf, redactedUrl } from "../lib/db/provider";
import { env, offsiteSettings } from "../lib/env";
import { runScript } from "./script-utils";

const USAGE = "Usage: npm run restore -- <backup file | s3://bucket/key> [--yes]";

async function confirmed(target: string): Promise<boolean> {
  if (process.argv.includes("--yes")) return true;
  if (!process.stdin.isTTY) {
    throw new Error(
      `Refusing to restore without confirmation: no terminal to ask on. Pass --yes to confirm from a script.\n${USAGE}`,
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`This replaces ${target} (kept aside, not deleted). Type RESTORE to continue: `);
    return answer.trim() === "RESTORE";
  } finally {
    rl.close();
  }
}

await runScript(async () => {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const unknown = process.argv.slice(2).filter((a) => a.startsWith("--") && a !== "--yes");
  if (positional.length !== 1 || unknown.length) throw new Error(USAGE);
  const config = env();
  let backup = path.resolve(positional[0]!);
  if (positional[0]!.startsWith("s3://")) {
    console.log(`Downloading ${positional[0]}`);
    // On a replacement server only the key (and endpoint, credentials) are needed: the URL names the bucket.
    const bucketUrl = `s3://${parseS3Url(positional[0]!).bucket}`;
    const settings = offsiteSettings({
      ...config,
      MINIPORTAL_BACKUP_S3_URL: config.MINIPORTAL_BACKUP_S3_URL ?? bucketUrl,
    });
    const fetched = await fetchOffsite(positional[0]!, settings, backupDirOf(config.dataDir), {
      engine: providerOf(config.databaseUrl),
    });
    console.log(
      `✓ decrypted, sha256 ${fetched.meta.sha256.slice(0, 16)}… matches (made ${fetched.meta.createdAt} by v${fetched.meta.appVersion})`,
    );
    backup = fetched.file;
  }
  if (providerOf(config.databaseUrl) === "postgresql") {
    const manifest = await checkPostgresBackup(backup);
    console.log(
      `Backup ${backup}: pg_restore lists every table, ${totalRows(manifest.counts)} rows taken ${manifest.createdAt}`,
    );
    const database = redactedUrl(config.databaseUrl);
    if (!(await confirmed(`the database ${database}`))) throw new Error("Not confirmed; nothing was changed.");
    const result = await restorePostgresBackup({ backup, url: config.databaseUrl });
    console.log(`✓ restored ${database}; row counts match the backup's manifest`);
    console.log(
      `  ${Object.entries(result.counts)
        .map(([t, n]) => `${t}=${n}`)
        .join(" ")}`,
    );
    if (result.keptAside)
      console.log(`  replaced database kept aside as ${result.keptAside} (drop it once the drill passed)`);
    console.log("  Start the instances again; they apply any newer migrations on start.");
    return;
  }
  const target = sqliteFileOf(config.databaseUrl);

  // Check the backup before asking, so nobody confirms a restore of a broken file.
  const inspection = checkBackup(backup);
  console.log(
    `Backup ${backup}: integrity_check ok, ${totalRows(inspection.counts)} rows, ${inspection.migrations.length} migrations`,
  );
  if (!(await confirmed(target))) throw new Error("Not confirmed; nothing was changed.");

  const result = await restoreBackup({ backup, target, port: config.PORT });
  console.log(`✓ restored ${result.target}`);
  console.log(
    `  ${Object.entries(result.counts)
      .map(([t, n]) => `${t}=${n}`)
      .join(" ")}`,
  );
  if (result.keptAside.length) console.log(`  replaced database kept aside:\n    ${result.keptAside.join("\n    ")}`);
  console.log("  Start the portal again (npm start); it applies any newer migrations on start.");
});
