// The database file this process opened, by identity (device and inode) and by
// content. A file deleted or replaced under a running portal (a restore done by
// hand, an rm, a move over it) leaves the process writing into an unlinked inode:
// every save would be acknowledged and then lost. A copy over it (`cp backup.db
// miniportal.db`, same inode) mixes two databases: SQLite keeps reading the pages
// its WAL holds from the WAL and every other page from the copy, until the file is
// "malformed". Noticed here, before each write, by readiness (lib/db/health.ts) and
// by the read-only banner; the process then refuses writes, moves its -wal/-shm
// aside (they belong to the old content) and never checkpoints into the file again.
import path from "node:path";
import { statSync } from "node:fs";
import {
  type Epoch,
  type Identity,
  SIDECARS,
  checkpointEpoch,
  holdFiles,
  identityOf,
  readHeader,
  releaseFiles,
  sameIdentity,
  setAsideSidecars,
} from "./wal-files";

type How = "deleted" | "replaced" | "overwritten";

export class DatabaseFileChangedError extends Error {
  name = "DatabaseFileChangedError";
  constructor(
    readonly file: string,
    readonly how: How,
    readonly setAside: string[] = [],
  ) {
    super(
      `The database file ${file} was ${how} while the portal was running; writes are refused so that nothing is saved ` +
        (how === "overwritten" ? "into a mix of two databases. " : "into a file that is gone. ") +
        (setAside.length ? `Its old write-ahead log was moved aside (${setAside.join(", ")}). ` : "") +
        `Restart the portal${how === "replaced" ? "" : "; if that file is not the database you meant to serve, restore a backup first (npm run restore)"}.`,
    );
  }
}

/** What this process saw of the file when it last knew every change to it was SQLite's own. */
type Seen = {
  size: bigint;
  mtimeNs: bigint;
  wal: boolean;
  counter: number;
  pageSize: number;
  epoch: Epoch | null;
  walMtimeNs: bigint | null;
};

export type OpenedFile = {
  file: string;
  identity: Identity | null;
  seen: Seen | null;
  /** The -wal and -shm this connection has open: only these are ever moved aside. */
  sidecars: Partial<Record<(typeof SIDECARS)[number], Identity>>;
  change: DatabaseFileChangedError | null;
};

const globalForIdentity = globalThis as unknown as { miniportalDbFiles?: Map<string, OpenedFile> };
const opened = () => (globalForIdentity.miniportalDbFiles ??= new Map());

function look(file: string): Seen | null {
  // The epoch before the size and time: a checkpoint that writes after this stat changes the epoch.
  const epoch = checkpointEpoch(file);
  try {
    const s = statSync(file, { bigint: true });
    const header = readHeader(file);
    let walMtimeNs: bigint | null = null;
    try {
      walMtimeNs = statSync(`${file}-wal`, { bigint: true }).mtimeNs;
    } catch {
      // No WAL file (yet).
    }
    return {
      size: s.size,
      mtimeNs: s.mtimeNs,
      wal: header?.wal ?? false,
      counter: header?.counter ?? 0,
      pageSize: header?.pageSize ?? 0,
      epoch,
      walMtimeNs,
    };
  } catch {
    return null;
  }
}

/**
 * Whether SQLite's checkpoints explain a change of the database file's bytes
 * between two looks. Same WAL generation: only if a checkpoint started since.
 * A later generation with no checkpoint of its own yet: every checkpoint write came
 * before its restart, which came before its first frame, so the file cannot be
 * newer than the WAL. Unknowable cases (a checkpoint under way or in the newer
 * generation, a restart not on disk) count as SQLite's: refusing writes on a guess
 * would be worse than missing a copy made in that instant.
 */
function checkpointed(before: Epoch, now: Epoch, fileMtimeNs: bigint, walMtimeNs: bigint | null): boolean {
  if (now.busy || before.busy) return true;
  if (now.salt === before.salt) return now.attempted !== before.attempted;
  if (now.attempted !== 0 || !now.walHeaderMatches) return true;
  return walMtimeNs !== null && fileMtimeNs <= walMtimeNs;
}

/**
 * Records the file a connection has just opened (after a first read, so its -wal
 * and -shm exist); readiness and the banner check the latest one of the process.
 */
export function rememberDatabaseFile(file: string): OpenedFile {
  const key = path.resolve(file);
  const sidecars: OpenedFile["sidecars"] = {};
  for (const suffix of SIDECARS) {
    const id = identityOf(`${key}${suffix}`);
    if (id) sidecars[suffix] = id;
  }
  holdFiles(key);
  const entry: OpenedFile = { file: key, identity: identityOf(key), seen: look(key), sidecars, change: null };
  if (entry.identity) opened().set(key, entry);
  return entry;
}

/** True when the file's bytes changed and nothing SQLite does explains it (else `seen` moves on). */
function overwritten(entry: OpenedFile, size: bigint, mtimeNs: bigint): boolean {
  const before = entry.seen;
  if (!before || (before.size === size && before.mtimeNs === mtimeNs)) return false;
  // A rollback-journal database is written at every commit; SQLite itself notices changes to it.
  // Without a wal-index seen at the start there is nothing to judge by either.
  if (!before.wal || !before.epoch) {
    entry.seen = look(entry.file);
    return false;
  }
  // The WAL and wal-index this connection uses, still in place: else they describe another file.
  for (const suffix of SIDECARS) {
    const mine = entry.sidecars[suffix];
    if (mine && !sameIdentity(identityOf(`${entry.file}${suffix}`), mine)) return true;
  }
  const now = look(entry.file);
  if (!now?.epoch || !checkpointed(before.epoch, now.epoch, now.mtimeNs, now.walMtimeNs)) return true;
  // Written by a checkpoint: still this database, in WAL mode, with a change counter that never goes
  // back, and no smaller (only VACUUM shrinks a database file, and the portal never runs it on its own).
  if (!now.wal || now.pageSize !== before.pageSize || now.counter < before.counter || now.size < before.size)
    return true;
  entry.seen = now;
  return false;
}

function changeOf(entry: OpenedFile): DatabaseFileChangedError | null {
  if (!entry.identity) return null;
  let how: How | null = null;
  try {
    const s = statSync(entry.file, { bigint: true });
    if (!sameIdentity({ dev: s.dev, ino: s.ino }, entry.identity)) how = "replaced";
    // Overwritten stays overwritten: the bytes this process knew are gone for good.
    else if (entry.change?.how === "overwritten" || overwritten(entry, s.size, s.mtimeNs)) how = "overwritten";
  } catch {
    how = "deleted";
  }
  if (!how) return null;
  if (entry.change?.how !== how) {
    // The first look that sees a change moves the old WAL aside; later ones name where it went.
    const moved = entry.change ? entry.change.setAside : setAsideSidecars(entry.file, entry.sidecars);
    entry.change = new DatabaseFileChangedError(entry.file, how, moved);
  }
  return entry.change;
}

/** Null while the file is the one this process opened (or it has not opened it yet), else what happened to it. */
export function databaseFileChange(file: string): DatabaseFileChangedError | null {
  const entry = opened().get(path.resolve(file));
  return entry ? changeOf(entry) : null;
}

export function assertDatabaseFileUnchanged(entry: OpenedFile): void {
  const change = changeOf(entry);
  if (change) throw change;
}

/** Whether this connection may still close normally (closing checkpoints its WAL into the file). */
export function mayCheckpoint(entry: OpenedFile): boolean {
  return changeOf(entry) === null;
}

/** After the connection closed normally. */
export function forgetDatabaseFile(entry: OpenedFile): void {
  releaseFiles(entry.file);
}
