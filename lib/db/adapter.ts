// Chooses the Prisma driver adapter from DATABASE_URL: embedded SQLite by default.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function isSqliteUrl(url: string): boolean {
  return url.startsWith("file:");
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

export function adapterFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (!isSqliteUrl(url)) {
    throw new Error(`DATABASE_URL ${url.split(":")[0]}: is not supported yet; use a file: URL (SQLite).`);
  }
  // better-sqlite3's `timeout` is SQLite's busy timeout: writers wait instead of failing.
  return new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
}
