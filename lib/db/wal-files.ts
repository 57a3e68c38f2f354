// What SQLite keeps in and beside a database file, read without SQLite (the file may
// not be the one SQLite has open any more): the header's journal mode and change
// counter (https://sqlite.org/fileformat2.html#the_database_header) and the
// wal-index's checkpoint state in `-shm` (https://sqlite.org/walformat.html).
import { closeSync, openSync, readSync, renameSync, statSync } from "node:fs";
import { endianness } from "node:os";

export const SIDECARS = ["-wal", "-shm"] as const;

// Closing any descriptor of a file drops every POSIX lock this process holds on it,
// SQLite's included (https://sqlite.org/howtocorrupt.html#_posix_advisory_locks_canceled_by_a_separate_thread_doing_close_):
// a read-and-close of the database or its -shm beside an open connection broke
// SQLite's locking at once (SQLITE_PROTOCOL). So the database file and its -shm are
// opened once, kept while a connection of this process uses them, and read in place.
type Held = { fds: Map<string, number>; users: number };
const globalForFds = globalThis as unknown as { miniportalDbFds?: Map<string, Held> };
const held = () => (globalForFds.miniportalDbFds ??= new Map());

/** Opens (once) the descriptors the checks read through, for one more connection to `file`. */
export function holdFiles(file: string): void {
  const entry = held().get(file) ?? { fds: new Map<string, number>(), users: 0 };
  entry.users++;
  for (const name of [file, `${file}-shm`, `${file}-wal`]) {
    if (entry.fds.has(name)) continue;
    try {
      entry.fds.set(name, openSync(name, "r"));
    } catch {
      // Not there (no WAL yet): the checks that need it say "unknown".
    }
  }
  held().set(file, entry);
}

/** After a connection to `file` closed: the last one closes the descriptors (SQLite holds no lock then). */
export function releaseFiles(file: string): void {
  const entry = held().get(file);
  if (!entry || --entry.users > 0) return;
  for (const fd of entry.fds.values()) closeSync(fd);
  held().delete(file);
}

function readBytes(name: string, owner: string, length: number): Buffer | null {
  const fd = held().get(owner)?.fds.get(name);
  if (fd === undefined) return null;
  try {
    const buffer = Buffer.alloc(length);
    return readSync(fd, buffer, 0, length, 0) === length ? buffer : null;
  } catch {
    return null;
  }
}

export type Header = { wal: boolean; counter: number; pageSize: number };
const MAGIC = "SQLite format 3\u0000";

/** The first 100 bytes of a held database file, or null when it has none (empty, not SQLite, not held). */
export function readHeader(file: string): Header | null {
  const b = readBytes(file, file, 100);
  if (!b || b.toString("latin1", 0, 16) !== MAGIC) return null;
  const pageSize = b.readUInt16BE(16);
  return {
    wal: b[18] === 2 && b[19] === 2, // file format write/read versions: 2 is WAL
    counter: b.readUInt32BE(24), // file change counter
    pageSize: pageSize === 1 ? 65536 : pageSize,
  };
}

export type Epoch = {
  /** WAL salts: salt-1 grows by one at each WAL restart, salt-2 is new each time. */
  salt: string;
  salt1: number;
  backfilled: number;
  attempted: number;
  /** A checkpoint is copying pages into the database file right now (or died doing so). */
  busy: boolean;
  /** The -wal file's own header carries these salts (a restart is on disk, not only in the index). */
  walHeaderMatches: boolean;
};

/**
 * The wal-index's checkpoint state (`-shm`): the WAL salts, nBackfill and
 * nBackfillAttempted. A checkpoint sets nBackfillAttempted before it writes a page
 * into the database file and nBackfill once it is done; a WAL restart (new salts,
 * both back to 0) follows only a checkpoint that copied every frame. In WAL mode
 * nothing else of SQLite's writes the database file (lib/db/file-identity.ts).
 */
export function checkpointEpoch(file: string): Epoch | null {
  const b = readBytes(`${file}-shm`, file, 136);
  if (!b) return null;
  const walHeader = readBytes(`${file}-wal`, file, 32);
  // aSalt holds the WAL header's big-endian bytes; the counters are native (little-endian here).
  const salt = b.toString("hex", 32, 40);
  const native = (at: number) => (endianness() === "LE" ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const backfilled = native(96);
  const attempted = native(128);
  return {
    salt,
    salt1: b.readUInt32BE(32),
    backfilled,
    attempted,
    busy: backfilled !== attempted,
    walHeaderMatches: walHeader?.toString("hex", 16, 24) === salt,
  };
}

export type Identity = { dev: bigint; ino: bigint };

export function identityOf(file: string): Identity | null {
  try {
    const s = statSync(file, { bigint: true });
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

export const sameIdentity = (a: Identity | null, b: Identity | null) =>
  Boolean(a && b && a.dev === b.dev && a.ino === b.ino);

/**
 * Moves the `-wal` and `-shm` beside `file` to `<file>.set-aside-<time>-wal/-shm`, each
 * only while it is still the one given (a new portal may have made its own since).
 * Left in place, SQLite would replay another database's pages into this file.
 */
export function setAsideSidecars(file: string, owned: Partial<Record<(typeof SIDECARS)[number], Identity>>): string[] {
  const stamp = new Date().toISOString().replace(/:/g, "-");
  const moved: string[] = [];
  for (const suffix of SIDECARS) {
    const from = `${file}${suffix}`;
    const mine = owned[suffix];
    if (!mine || !sameIdentity(identityOf(from), mine)) continue;
    const to = `${file}.set-aside-${stamp}${suffix}`;
    try {
      renameSync(from, to);
      moved.push(to);
    } catch {
      // Gone already (another worker moved it) or the directory is read-only: nothing to protect then.
    }
  }
  return moved;
}
