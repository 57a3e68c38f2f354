// Chooses the Prisma driver adapter from DATABASE_URL: embedded SQLite by
// default, PostgreSQL (node-postgres pool) for a postgres URL.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { providerOf } from "./provider";

export const SQLITE_BUSY_TIMEOUT_MS = 5000;
// Connections per process; N instances x workers x this stays well under PostgreSQL's default 100.
export const POSTGRES_POOL_SIZE = 10;

export function isSqliteUrl(url: string): boolean {
  return providerOf(url) === "sqlite";
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

export function adapterFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgresql") {
    return new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: 10_000 });
  }
  // better-sqlite3's `timeout` is SQLite's busy timeout: writers wait instead of failing.
  return new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
}
