// Chooses the Prisma driver adapter from DATABASE_URL: embedded SQLite by
// default, PostgreSQL (node-postgres pool) for a postgres URL.
// Every SQLite connection of the portal is set up for several processes (the
// server workers, the CLI) writing one file safely:
//  - synchronous=FULL: in WAL mode SQLite's default here is NORMAL, which keeps
//    a committed save through a process crash but not through a power loss;
//  - BEGIN IMMEDIATE for transactions: a deferred transaction that reads and
//    then writes fails at once with SQLITE_BUSY when another process wrote in
//    between (the busy timeout cannot help it); IMMEDIATE takes the write lock
//    first and waits its turn;
//  - writes check that the file is still the one opened (file-identity.ts).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { assertDatabaseFileUnchanged, rememberDatabaseFile } from "./file-identity";
import { providerOf } from "./provider";

// How long a writer waits for the write lock. With several server workers a save can
// queue behind the others' transactions; on a starved machine 5 s was seen to run out.
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;
// Connections per process; N instances x workers x this stays well under PostgreSQL's default 100.
export const POSTGRES_POOL_SIZE = 10;

export function isSqliteUrl(url: string): boolean {
  return providerOf(url) === "sqlite";
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

type BetterSqliteClient = { prepare(sql: string): unknown; pragma(sql: string): unknown };
const READS = /^\s*(SELECT|PRAGMA|EXPLAIN)\b/i;

function portalConnection(adapter: SqlDriverAdapter, file: string | null): SqlDriverAdapter {
  // @prisma/adapter-better-sqlite3 keeps its better-sqlite3 Database as `client` and
  // starts transactions with a literal "BEGIN"; there is no option for either.
  const client = (adapter as unknown as { client?: BetterSqliteClient }).client;
  if (!client?.prepare || !client.pragma)
    throw new Error("@prisma/adapter-better-sqlite3 changed shape; revisit lib/db/adapter.ts");
  client.pragma("synchronous = FULL");
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
  if (!file) return adapter;

  const opened = rememberDatabaseFile(file);
  const guard = () => assertDatabaseFileUnchanged(opened);
  const { queryRaw, executeRaw, executeScript, startTransaction } = adapter;
  adapter.queryRaw = (query: SqlQuery) => {
    if (!READS.test(query.sql)) guard();
    return queryRaw.call(adapter, query);
  };
  adapter.executeRaw = (query: SqlQuery) => {
    guard();
    return executeRaw.call(adapter, query);
  };
  adapter.executeScript = (script: string) => {
    guard();
    return executeScript.call(adapter, script);
  };
  adapter.startTransaction = (isolationLevel) => {
    guard();
    return startTransaction.call(adapter, isolationLevel);
  };
  return adapter;
}

export function adapterFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgresql") {
    return new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: 10_000 });
  }
  const file = sqlitePath(url);
  const onDisk = file !== ":memory:" && !file.startsWith("file::memory:") ? file : null;
  // better-sqlite3's `timeout` is SQLite's busy timeout: writers wait instead of failing.
  const base = new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => portalConnection(await base.connect(), onDisk),
    connectToShadowDb: async () => portalConnection(await base.connectToShadowDb(), null),
  };
}
