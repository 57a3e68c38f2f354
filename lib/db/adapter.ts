// Chooses the Prisma driver adapter from DATABASE_URL: embedded SQLite by
// default, PostgreSQL (node-postgres pool) for a postgres URL.
// Every SQLite connection of the portal is set up for several processes (the
// server workers, the CLI) writing one file safely:
//  - synchronous=FULL: in WAL mode SQLite's default here is NORMAL, which keeps
//    a committed save through a process crash but not through a power loss;
//  - BEGIN IMMEDIATE for transactions (sqlite-transactions.ts, which also replaces
//    the adapter's transactions, whose lock one failed BEGIN kept for good): a
//    deferred transaction that reads and then writes fails at once with SQLITE_BUSY
//    when another process wrote in between (the busy timeout cannot help it);
//    IMMEDIATE takes the write lock first and waits its turn;
//  - prepared statements are reused (statement-cache.ts);
//  - writes check that the file is still the one opened, with the content only
//    SQLite wrote (file-identity.ts); once it is not, the connection is never
//    closed normally, since closing checkpoints the old WAL into the changed file.
// Every query of both providers tells lib/db/availability.ts whether the database
// answered, so a read-only, full or unreachable database is known at once.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database } from "better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
} from "@prisma/driver-adapter-utils";
import { noteDatabaseAnswered, noteDatabaseError } from "./availability";
import { assertDatabaseFileUnchanged, forgetDatabaseFile, mayCheckpoint, rememberDatabaseFile } from "./file-identity";
import { providerOf } from "./provider";
import { replaceTransactions } from "./sqlite-transactions";
import { withStatementCache } from "./statement-cache";

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

type BetterSqliteClient = {
  prepare(sql: string): { run(): unknown; get(): unknown };
  pragma(sql: string): unknown;
  inTransaction: boolean;
};
const READS = /^\s*(SELECT|PRAGMA|EXPLAIN|SHOW)\b/i;
const COMMIT = /^\s*(COMMIT|END)\b/i;
const ROLLBACK = /^\s*ROLLBACK\b/i;
const rollback: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };

async function observe<R>(operation: string, committed: boolean, run: () => Promise<R>): Promise<R> {
  try {
    const result = await run();
    noteDatabaseAnswered(committed);
    return result;
  } catch (error) {
    noteDatabaseError(error, operation);
    throw error;
  }
}

/**
 * Reports every query's outcome and runs `guard` before each write. Inside a
 * transaction only COMMIT proves the database writable (SQLite accepts an UPDATE on
 * a read-only mount and fails at COMMIT), and a COMMIT the guard refuses is rolled
 * back first, so the write lock is never left held.
 */
function watch<Q extends SqlQueryable>(target: Q, guard: () => void, inTransaction: boolean): Q {
  const { queryRaw, executeRaw } = target;
  target.queryRaw = (query: SqlQuery) => {
    const write = !READS.test(query.sql);
    return observe("query", write && !inTransaction, () => {
      if (write) guard();
      return queryRaw.call(target, query);
    });
  };
  target.executeRaw = (query: SqlQuery) =>
    observe("execute", !inTransaction || COMMIT.test(query.sql), async () => {
      if (!ROLLBACK.test(query.sql)) {
        try {
          guard();
        } catch (error) {
          if (inTransaction) await executeRaw.call(target, rollback).catch(() => undefined);
          throw error;
        }
      }
      return executeRaw.call(target, query);
    });
  return target;
}

function watchAdapter(adapter: SqlDriverAdapter, guard: () => void): SqlDriverAdapter {
  const { executeScript, startTransaction } = adapter;
  watch(adapter, guard, false);
  adapter.executeScript = (script: string) =>
    observe("script", true, () => {
      guard();
      return executeScript.call(adapter, script);
    });
  adapter.startTransaction = (isolationLevel) =>
    observe("begin", false, async () => {
      guard();
      return watch(await startTransaction.call(adapter, isolationLevel), guard, true);
    });
  return adapter;
}

const unguarded = () => undefined;

function portalConnection(adapter: SqlDriverAdapter, file: string | null): SqlDriverAdapter {
  // @prisma/adapter-better-sqlite3 keeps its better-sqlite3 Database as `client`; there is no option for it.
  const client = (adapter as unknown as { client?: BetterSqliteClient }).client;
  if (!client?.prepare || !client.pragma)
    throw new Error("@prisma/adapter-better-sqlite3 changed shape; revisit lib/db/adapter.ts");
  client.pragma("synchronous = FULL");
  const prepare = client.prepare.bind(client);
  replaceTransactions(adapter, client);
  (adapter as unknown as { client: unknown }).client = withStatementCache(client as unknown as Database);
  if (!file) return adapter;

  try {
    // A first read opens the WAL and its index, which the file's identity includes.
    prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
  } catch {
    // An unreadable file: the queries that follow say so.
  }
  const opened = rememberDatabaseFile(file);
  watchAdapter(adapter, () => assertDatabaseFileUnchanged(opened));
  const dispose = adapter.dispose.bind(adapter);
  // Left open, the process exits without SQLite checkpointing into a file that is not its database.
  adapter.dispose = async () => {
    if (!mayCheckpoint(opened)) return;
    await dispose();
    forgetDatabaseFile(opened);
  };
  return adapter;
}

/** `sqliteBusyTimeoutMs`: tests that wait on a held lock use a shorter one. */
export function adapterFor(
  url: string,
  { sqliteBusyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS } = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (providerOf(url) === "postgresql") {
    // An idle pooled connection that PostgreSQL ends (a stop, a crash) is news before any query fails.
    const base = new PrismaPg(
      { connectionString: url, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: 10_000 },
      { onPoolError: (error) => noteDatabaseError(error, "pool") },
    );
    return {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: async () => watchAdapter(await base.connect(), unguarded),
      connectToShadowDb: () => base.connectToShadowDb(),
    };
  }
  const file = sqlitePath(url);
  const onDisk = file !== ":memory:" && !file.startsWith("file::memory:") ? file : null;
  // better-sqlite3's `timeout` is SQLite's busy timeout: writers wait instead of failing.
  const base = new PrismaBetterSqlite3({ url, timeout: sqliteBusyTimeoutMs });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => portalConnection(await base.connect(), onDisk),
    connectToShadowDb: async () => portalConnection(await base.connectToShadowDb(), null),
  };
}
