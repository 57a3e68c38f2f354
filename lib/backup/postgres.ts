// Backups in PostgreSQL mode, with PostgreSQL's own tools (pg_dump/pg_restore,
// custom format) and the same guarantees as the SQLite backups:
//  - backup: pg_dump reads the snapshot in which the row counts were taken, so the
//    manifest (<file>.json) says exactly what the archive holds; written under a
//    .partial name, listed back with pg_restore --list, then renamed; retention;
//  - restore: into a new database next to the configured one, row counts checked
//    against the manifest, then the names are swapped; the replaced database is
//    kept aside under another name. Refused while any instance is connected.
// Passwords go to the tools through PGPASSWORD, never on a command line.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { databaseNameOf, withDatabaseName } from "../db/provider";
import { countDifferences, type RowCounts } from "./inspect";
import { applyRetention } from "./retention";
import {
  assertSameEngine,
  backupEngineOf,
  BackupError,
  createPrivateFile,
  fileTimestamp,
  fsyncPath,
  makePrivateDir,
} from "./target";

const run = promisify(execFile);

/** The URL without its password, and the environment that carries it. */
function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { url: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function tool(command: "pg_dump" | "pg_restore", args: string[], url?: string): Promise<string> {
  const conn = url ? toolConnection(url) : { url: "", env: process.env };
  try {
    const { stdout } = await run(command, url ? [...args, `--dbname=${conn.url}`] : args, {
      env: conn.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new BackupError(`${command} is not installed (Debian: apt-get install postgresql-client).`);
    throw new BackupError(`${command} failed: ${(e.stderr || e.message).trim()}`);
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function countRows(client: pg.Client): Promise<RowCounts> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
  );
  const counts: RowCounts = {};
  for (const { name } of rows) {
    const { rows: n } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(n[0]!.n);
  }
  return counts;
}

export type PostgresManifest = { format: "pg_dump-custom"; createdAt: string; database: string; counts: RowCounts };

/** Checks an archive and its manifest without touching any database. */
export async function checkPostgresBackup(file: string): Promise<PostgresManifest> {
  if (!existsSync(file)) throw new BackupError(`No such backup: ${file}`);
  const engine = backupEngineOf(file);
  if (engine) assertSameEngine(file, engine, "postgresql");
  if (!existsSync(`${file}.json`))
    throw new BackupError(
      `${file} has no manifest (${path.basename(file)}.json): it was not written by npm run backup.`,
    );
  const manifest = JSON.parse(readFileSync(`${file}.json`, "utf8")) as PostgresManifest;
  if (
    manifest.format !== "pg_dump-custom" ||
    !("_prisma_migrations" in manifest.counts) ||
    !("User" in manifest.counts)
  ) {
    throw new BackupError(`${file} is not a Miniportal PostgreSQL backup.`);
  }
  const listing = await tool("pg_restore", ["--list", file]);
  const missing = Object.keys(manifest.counts).filter(
    (t) => !new RegExp(`TABLE DATA \\S+ ${t.replace(/[^\w]/g, "\\$&")} `).test(listing),
  );
  if (missing.length) throw new BackupError(`${file} lacks the data of ${missing.join(", ")}.`);
  return manifest;
}

export type PostgresBackupResult = {
  file: string;
  bytes: number;
  counts: RowCounts;
  /** Applied migrations in the archive, oldest first (off-site metadata names the last one). */
  migrations: string[];
  manifest: PostgresManifest;
  durationMs: number;
  deleted: string[];
};

export async function createPostgresBackup(options: {
  url: string;
  dir: string;
  keep: number;
  now?: Date;
}): Promise<PostgresBackupResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  makePrivateDir(options.dir);
  const file = path.join(options.dir, `miniportal-${fileTimestamp(now)}.dump`);
  const partial = `${file}.partial`;
  // pg_dump opens its --file with fopen("wb"), which keeps the mode of an existing file.
  createPrivateFile(partial);
  const { counts, migrations } = await withClient(options.url, async (client) => {
    // The counts and pg_dump share one snapshot: the archive holds exactly these rows.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const counted = await countRows(client);
    const applied = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1',
    );
    await tool(
      "pg_dump",
      ["--format=custom", "--no-owner", `--snapshot=${rows[0]!.id}`, `--file=${partial}`],
      options.url,
    );
    await client.query("COMMIT");
    return { counts: counted, migrations: applied.rows.map((r) => r.name) };
  }).catch((error: Error) => {
    rmSync(partial, { force: true });
    throw error instanceof BackupError
      ? error
      : new BackupError(`Backup of the PostgreSQL database failed: ${error.message}`);
  });
  const manifest: PostgresManifest = {
    format: "pg_dump-custom",
    createdAt: now.toISOString(),
    database: databaseNameOf(options.url),
    counts,
  };
  try {
    writeFileSync(`${file}.json`, JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
    chmodSync(`${file}.json`, 0o600); // the mode option applies only to a file it creates
    renameSync(partial, file);
    await checkPostgresBackup(file);
    fsyncPath(file);
    fsyncPath(options.dir);
  } catch (error) {
    for (const f of [partial, file, `${file}.json`]) rmSync(f, { force: true });
    throw error;
  }
  const deleted = applyRetention(options.dir, options.keep, file);
  return {
    file,
    bytes: statSync(file).size,
    counts,
    migrations,
    manifest,
    durationMs: Date.now() - started,
    deleted,
  };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function otherSessions(admin: pg.Client, database: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  return Number(rows[0]!.n);
}

export type PostgresRestoreResult = { database: string; counts: RowCounts; keptAside: string | null };

export async function restorePostgresBackup(options: {
  backup: string;
  url: string;
  now?: Date;
}): Promise<PostgresRestoreResult> {
  const manifest = await checkPostgresBackup(options.backup);
  const database = databaseNameOf(options.url);
  const stamp = fileTimestamp(options.now ?? new Date())
    .replace(/\D/g, "")
    .slice(0, 14);
  const restoring = `${database}_restore_${stamp}`;
  const aside = `${database}_aside_${stamp}`;
  if (aside.length > 63)
    throw new BackupError(`The database name ${database} is too long to keep a copy aside under ${aside}.`);
  const adminUrl = withDatabaseName(options.url, "postgres");
  return withClient(adminUrl, async (admin) => {
    const refuseWhileConnected = async () => {
      const n = await otherSessions(admin, database);
      if (n > 0) {
        throw new BackupError(
          `${n} session(s) are connected to ${database}: the portal is still running, so restoring now would lose its writes.\n` +
            "Stop every instance, then run the restore again.",
        );
      }
    };
    await refuseWhileConnected();
    await admin.query(`CREATE DATABASE ${quoteIdent(restoring)}`);
    try {
      await tool(
        "pg_restore",
        ["--no-owner", "--exit-on-error", "--single-transaction", options.backup],
        withDatabaseName(options.url, restoring),
      );
      const counts = await withClient(withDatabaseName(options.url, restoring), countRows);
      const differences = countDifferences(manifest.counts, counts);
      if (differences.length)
        throw new BackupError(`The restored database does not match the backup's manifest: ${differences.join("; ")}`);
      await refuseWhileConnected();
      const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount! > 0;
      if (exists) await admin.query(`ALTER DATABASE ${quoteIdent(database)} RENAME TO ${quoteIdent(aside)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(restoring)} RENAME TO ${quoteIdent(database)}`);
      return { database, counts, keptAside: exists ? aside : null };
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(restoring)} WITH (FORCE)`);
      throw error;
    }
  });
}
