// npm run backup [-- --keep 7] [--dir <path>] [--offsite] | [-- --list-offsite]
// Online backup of the SQLite database into <data dir>/backups/, verified, with retention
// (in PostgreSQL mode a pg_dump archive with the same verification and retention);
// with --offsite (or MINIPORTAL_BACKUP_OFFSITE=1) also encrypted and uploaded to S3
// (a pg_dump archive together with its manifest).
import path from "node:path";
import cliProgress from "cli-progress";
import { createBackup, type BackupProgress } from "../lib/backup/create-backup";
import { totalRows } from "../lib/backup/inspect";
import { DEFAULT_KEEP } from "../lib/backup/retention";
import { createPostgresBackup, type PostgresManifest } from "../lib/backup/postgres";
import { backupDirOf, sqliteFileOf } from "../lib/backup/target";
import { listOffsite, uploadBackup } from "../lib/backup/offsite/offsite";
import type { UploadProgress } from "../lib/backup/offsite/s3";
import type { RowCounts } from "../lib/backup/inspect";
import { providerOf, redactedUrl } from "../lib/db/provider";
import { env, offsiteSettings, type OffsiteSettings } from "../lib/env";
import { parseFlags, runScript } from "./script-utils";

const USAGE =
  "Usage: npm run backup [-- --keep N] [--dir <directory>] [--offsite]\n       npm run backup -- --list-offsite";
const KNOWN_FLAGS = new Set(["keep", "dir", "offsite", "list-offsite"]);

/** Upload progress: a line per quarter (uploads mostly run from timers, into a journal). */
function uploadReporter(): (p: UploadProgress) => void {
  let lastQuarter = -1;
  return (p) => {
    const quarter = Math.floor((p.loaded / Math.max(p.total, 1)) * 4);
    if (quarter > lastQuarter) console.log(`  uploaded ${quarter * 25}% of ${(p.total / 1024).toFixed(0)} KiB`);
    lastQuarter = quarter;
  };
}

async function listRemote(): Promise<void> {
  const entries = await listOffsite(offsiteSettings(env()));
  if (entries.length === 0) console.log("No off-site backups yet.");
  for (const e of entries) {
    const rows = (e.metadata["row-counts"] ?? "")
      .split(",")
      .reduce((sum, kv) => sum + Number(kv.split("=")[1] ?? 0), 0);
    console.log(
      `${e.url}  ${(e.size / 1024).toFixed(0)} KiB  ${e.metadata.engine ?? "sqlite"}  v${e.metadata["app-version"] ?? "?"}  ${rows} rows  migration ${e.metadata["last-migration"] ?? "?"}`,
    );
  }
}

/** A bar on a terminal; a line per quarter in logs (cron, CI, docker logs). */
function progressReporter(): { update: (p: BackupProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "  copying [{bar}] {percentage}% | {value}/{total} pages", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.totalPages, 0);
        started = true;
        bar.setTotal(p.totalPages);
        bar.update(p.totalPages - p.remainingPages);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastQuarter = -1;
  return {
    update: (p) => {
      const quarter = Math.floor(((p.totalPages - p.remainingPages) / Math.max(p.totalPages, 1)) * 4);
      if (quarter > lastQuarter) console.log(`  copied ${quarter * 25}% of ${p.totalPages} pages`);
      lastQuarter = quarter;
    },
    stop: () => undefined,
  };
}

/** A verified local backup, as the off-site step needs it. */
type LocalBackup = { file: string; counts: RowCounts; migrations: string[]; manifest?: PostgresManifest };

async function postgresBackup(url: string, dir: string, keep: number): Promise<LocalBackup> {
  console.log(`Backing up ${redactedUrl(url)} (pg_dump, custom format, one snapshot)`);
  const result = await createPostgresBackup({ url, dir, keep });
  console.log(`✓ verified: pg_restore lists every table; manifest records ${totalRows(result.counts)} rows`);
  for (const old of result.deleted) console.log(`  removed old backup ${path.basename(old)} (keeping ${keep})`);
  console.log(`✓ backup written in ${result.durationMs} ms, ${(result.bytes / 1024).toFixed(0)} KiB:`);
  console.log(result.file);
  return result;
}

async function sqliteBackup(databaseUrl: string, dir: string, keep: number): Promise<LocalBackup> {
  const source = sqliteFileOf(databaseUrl);
  console.log(`Backing up ${source} (online, SQLite backup API)`);
  const progress = progressReporter();
  const result = await createBackup({ source, dir, keep, onProgress: progress.update }).finally(progress.stop);
  const rows = Object.entries(result.counts)
    .map(([t, n]) => `${t}=${n}`)
    .join(" ");
  console.log(`✓ verified: integrity_check ok, ${totalRows(result.counts)} rows match the source (${rows})`);
  for (const old of result.deleted) console.log(`  removed old backup ${path.basename(old)} (keeping ${keep})`);
  console.log(`✓ backup written in ${result.durationMs} ms, ${(result.bytes / 1024).toFixed(0)} KiB:`);
  console.log(result.file);
  return result;
}

async function sendOffsite(local: LocalBackup, settings: OffsiteSettings): Promise<void> {
  const remote = `s3://${settings.bucket}/${settings.prefix}`;
  console.log(`Encrypting and uploading to ${remote}${settings.endpoint ? ` at ${settings.endpoint}` : ""}`);
  try {
    const upload = await uploadBackup({
      file: local.file,
      counts: local.counts,
      migrations: local.migrations,
      manifest: local.manifest,
      settings,
      onProgress: uploadReporter(),
    });
    for (const old of upload.pruned) console.log(`  removed old off-site backup ${old}`);
    console.log(
      `✓ off-site copy written (${(upload.bytes / 1024).toFixed(0)} KiB encrypted, sha256 ${upload.meta.sha256.slice(0, 16)}…):`,
    );
    console.log(upload.url);
  } catch (error) {
    throw new Error(`Off-site upload failed: ${(error as Error).message}\nThe local backup is kept: ${local.file}`);
  }
}

await runScript(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const unknown = Object.keys(flags).filter((f) => !KNOWN_FLAGS.has(f));
  if (unknown.length) throw new Error(`Unknown option --${unknown[0]}.\n${USAGE}`);
  if (flags["list-offsite"]) return listRemote();
  const keep = flags.keep === undefined ? DEFAULT_KEEP : Number(flags.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a whole number of at least 1.\n${USAGE}`);
  if (flags.dir === true) throw new Error(`--dir needs a directory.\n${USAGE}`);
  const config = env();
  const offsite = Boolean(flags.offsite) || config.MINIPORTAL_BACKUP_OFFSITE;
  // Checked before the backup, so a misconfigured timer fails at once and says why.
  const settings = offsite ? offsiteSettings(config) : null;
  const dir = typeof flags.dir === "string" ? path.resolve(flags.dir) : backupDirOf(config.dataDir);
  const local =
    providerOf(config.databaseUrl) === "postgresql"
      ? await postgresBackup(config.databaseUrl, dir, keep)
      : await sqliteBackup(config.databaseUrl, dir, keep);
  if (settings) await sendOffsite(local, settings);
});
