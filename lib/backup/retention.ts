// Keep the newest N backups of a directory; older ones are deleted.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Names written by createBackup: miniportal-2026-01-31T12-00-00.000Z.db (UTC, sorts by
 * time), or .dump for PostgreSQL (pg_dump custom format, with its .dump.json manifest).
 */
export const BACKUP_NAME = /^miniportal-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.(db|dump)$/;

export const DEFAULT_KEEP = 7;

/** Backups in a directory, newest first. Other files (partial copies, notes) are never touched. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}

/**
 * Deletes all but the newest `keep` backups; returns the deleted paths. `justWritten`
 * is always kept (counted in `keep`), even if the clock went backwards.
 */
export function applyRetention(dir: string, keep: number, justWritten?: string): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of at least 1 (got ${keep})`);
  const others = listBackups(dir).filter((f) => f !== justWritten);
  const doomed = others.slice(justWritten ? keep - 1 : keep);
  for (const file of doomed) for (const f of [file, `${file}.json`]) rmSync(f, { force: true });
  return doomed;
}
