// The database file this process opened, by identity (device and inode). A file
// deleted or replaced under a running portal (a restore done by hand, an rm, a
// copy over it) leaves the process writing into an unlinked inode: every save
// would be acknowledged and then lost. Noticed here, before each write and by
// readiness (lib/db/health.ts).
import { statSync } from "node:fs";
import path from "node:path";

type Identity = { dev: number; ino: number };
const globalForIdentity = globalThis as unknown as { miniportalDbIdentities?: Map<string, Identity> };
const identities = () => (globalForIdentity.miniportalDbIdentities ??= new Map());

export class DatabaseFileChangedError extends Error {
  name = "DatabaseFileChangedError";
  constructor(
    readonly file: string,
    readonly how: "deleted" | "replaced",
  ) {
    super(
      `The database file ${file} was ${how} while the portal was running; writes are refused so that nothing is saved into a file that is gone. ` +
        `Restart the portal${how === "deleted" ? " after restoring a backup (npm run restore)" : ""}.`,
    );
  }
}

function identityOf(file: string): Identity | null {
  try {
    const s = statSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

export type OpenedFile = { file: string; identity: Identity | null };

/** Records the file a connection has just opened; readiness checks the latest one of the process. */
export function rememberDatabaseFile(file: string): OpenedFile {
  const key = path.resolve(file);
  const identity = identityOf(key);
  if (identity) identities().set(key, identity);
  return { file: key, identity };
}

function changeOf(opened: OpenedFile): DatabaseFileChangedError | null {
  if (!opened.identity) return null;
  const now = identityOf(opened.file);
  if (!now) return new DatabaseFileChangedError(opened.file, "deleted");
  return now.dev === opened.identity.dev && now.ino === opened.identity.ino
    ? null
    : new DatabaseFileChangedError(opened.file, "replaced");
}

/** Null while the file is the one this process opened (or it has not opened it yet), else what happened to it. */
export function databaseFileChange(file: string): DatabaseFileChangedError | null {
  const key = path.resolve(file);
  return changeOf({ file: key, identity: identities().get(key) ?? null });
}

export function assertDatabaseFileUnchanged(opened: OpenedFile): void {
  const change = changeOf(opened);
  if (change) throw change;
}
