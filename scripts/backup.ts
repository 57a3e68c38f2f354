// npm run backup [-- --keep 7] [--dir <path>]
// Online backup of the SQLite database into <data dir>/backups/, verified, with retention;
// in PostgreSQL mode a pg_dump archive with the same verification and retention.
import path from "node:path";
import cliProgress from "cli-progress";
import { createBackup, type BackupProgress } from "../lib/backup/create-backup";
import { totalRows } from "../lib/backup/inspect";
import { DEFAULT_KEEP } from "../lib/backup/retention";
import { createPostgresBackup } from "../lib/backup/postgres";
import { backupDirOf, sqliteFileOf } from "../lib/backup/target";
import { providerOf, redactedUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { parseFlags, runScript } from "./script-utils";

const USAGE = "Usage: npm run backup [-- --keep N] [--dir <directory>]";

/** A bar on a terminal; a line per quarter in logs (cron, CI, docker logs). */
function progressReporter(): { update: (p: BackupProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar({ format: "  copying [{bar}] {percentage}% | {value}/{total} pages", hideCursor: true }, cliProgress.Presets.shades_classic);
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

await runScript(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const keep = flags.keep === undefined ? DEFAULT_KEEP : Number(flags.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`--keep must be a whole number of at least 1.\n${USAGE}`);
  if (flags.dir === true) throw new Error(`--dir needs a directory.\n${USAGE}`);
  const config = env();
  const dir = typeof flags.dir === "string" ? path.resolve(flags.dir) : backupDirOf(config.dataDir);
  if (providerOf(config.databaseUrl) === "postgresql") {
    console.log(`Backing up ${redactedUrl(config.databaseUrl)} (pg_dump, custom format, one snapshot)`);
    const result = await createPostgresBackup({ url: config.databaseUrl, dir, keep });
    console.log(`✓ verified: pg_restore lists every table; manifest records ${totalRows(result.counts)} rows`);
    for (const old of result.deleted) console.log(`  removed old backup ${path.basename(old)} (keeping ${keep})`);
    console.log(`✓ backup written in ${result.durationMs} ms, ${(result.bytes / 1024).toFixed(0)} KiB:`);
    console.log(result.file);
    return;
  }
  const source = sqliteFileOf(config.databaseUrl);

  console.log(`Backing up ${source} (online, SQLite backup API)`);
  const progress = progressReporter();
  const result = await createBackup({ source, dir, keep, onProgress: progress.update }).finally(progress.stop);
  const rows = Object.entries(result.counts).map(([t, n]) => `${t}=${n}`).join(" ");
  console.log(`✓ verified: integrity_check ok, ${totalRows(result.counts)} rows match the source (${rows})`);
  for (const old of result.deleted) console.log(`  removed old backup ${path.basename(old)} (keeping ${keep})`);
  console.log(`✓ backup written in ${result.durationMs} ms, ${(result.bytes / 1024).toFixed(0)} KiB:`);
  console.log(result.file);
});
