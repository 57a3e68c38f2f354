// Checks on the data dir before anything writes to it, each ending in one line
// that names the path and what to do:
//  - it must be readable and writable by this user (and is made 0700),
//  - only one Miniportal process tree (or db:migrate) uses it at a time: an
//    exclusive SQLite lock on <data dir>/miniportal.lock, which the kernel
//    releases when the holder exits, however it exits,
//  - a missing database next to signs of an existing install (secrets.json, a
//    WAL, backups) is never replaced by a silent fresh install.
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class StartupError extends Error {
  name = "StartupError";
}

const LOCK_FILE = "miniportal.lock";
const HOLDER_FILE = "miniportal.lock.json";
const user = () => `this user (uid ${process.getuid?.() ?? "?"})`;

function nearestExisting(target: string): string {
  let dir = target;
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Creates the data dir (0700), or checks an existing one is usable and tightens it to 0700. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw new StartupError(
        `Cannot create the data dir ${dataDir}: ${nearestExisting(dataDir)} is not writable by ${user()} ` +
          "(set MINIPORTAL_DATA_DIR or create the dir for this user).",
      );
    }
    throw error;
  }
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw new StartupError(
      `The data dir ${dataDir} is not writable by ${user()}: it needs read, write and execute permission (chown it to this user, or set MINIPORTAL_DATA_DIR).`,
    );
  }
  if ((statSync(dataDir).mode & 0o777) !== 0o700) chmodSync(dataDir, 0o700);
}

/** The database and its WAL sidecars must be readable and writable; they are made 0600. */
export function checkDatabaseFiles(dbFile: string): void {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) {
    if (!existsSync(file)) continue;
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new StartupError(
        `The database file ${file} is not writable by ${user()}: it needs read and write permission (chown it to this user).`,
      );
    }
    if ((statSync(file).mode & 0o777) !== 0o600) chmodSync(file, 0o600);
  }
}

/** Refuses to start on a data dir that had a database and lost it. */
export function refuseSilentFreshInstall(dataDir: string, dbFile: string): void {
  if (existsSync(dbFile)) return;
  const signs: string[] = [];
  if (existsSync(path.join(dataDir, "secrets.json"))) signs.push("secrets.json");
  for (const sidecar of [`${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(sidecar)) signs.push(path.basename(sidecar));
  const backups = path.join(dataDir, "backups");
  if (existsSync(backups) && readdirSync(backups).length > 0) signs.push("backups/");
  if (signs.length === 0) return;
  throw new StartupError(
    `The database ${dbFile} is missing, but ${dataDir} holds an existing install (${signs.join(", ")}); ` +
      `Miniportal will not start an empty one over it. Restore a backup (npm run restore -- <file>, see docs/backup-restore.md), ` +
      `or to start fresh move the old files away first (mv ${dataDir} ${dataDir}.old).`,
  );
}

export type DataDirLock = { release(): void };

// The open lock connections. better-sqlite3 closes a connection nobody references
// at the next garbage collection, and closing it drops the lock: a caller that
// ignores the returned handle must still keep the data dir until it exits.
const held = new Set<Database.Database>();

type Holder = { pid: number; what: string; since: string };

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Who holds the lock, from the file it writes just after taking it (a moment late, or left by a dead holder). */
function readHolder(dataDir: string): Holder | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const h = JSON.parse(readFileSync(path.join(dataDir, HOLDER_FILE), "utf8")) as Partial<Holder>;
      if (typeof h.pid === "number" && running(h.pid))
        return { pid: h.pid, what: String(h.what ?? "a Miniportal command"), since: String(h.since ?? "?") };
    } catch {
      // Not written yet, or being written.
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return null;
}

/**
 * Takes the data dir for this process until it exits (or release()); `what` names
 * the command in other processes' messages, `hint` says what to do when it is taken.
 */
export function lockDataDir(dataDir: string, what: string, hint: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    const h = readHolder(dataDir);
    // `kill <pid>` is SIGTERM: a portal drains its requests and exits, a command stops.
    const holder = h ? `${h.what} (pid ${h.pid}, since ${h.since}; to stop it: kill ${h.pid})` : "another process";
    throw new StartupError(`The data dir ${dataDir} is in use by ${holder}. ${hint}`);
  }
  held.add(lock);
  chmodSync(file, 0o600);
  writeFileSync(
    path.join(dataDir, HOLDER_FILE),
    JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }) + "\n",
    { mode: 0o600 },
  );
  return {
    release: () => {
      held.delete(lock);
      lock.close();
    },
  };
}

/** Creates an empty SQLite database file (0600), so the files that sit beside it never exist alone. */
export function createDatabaseFile(dbFile: string): void {
  if (existsSync(dbFile)) return;
  mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  chmodSync(dbFile, 0o600);
}
