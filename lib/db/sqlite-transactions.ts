// Transactions on the portal's SQLite connections, in place of
// @prisma/adapter-better-sqlite3's own (7.10, prisma/orm#29933): its startTransaction
// takes a per-connection mutex and never gives it back when BEGIN fails, so one
// SQLITE_BUSY (a writer waiting past the busy timeout on a loaded machine) left every
// later transaction of that process failing with "Unable to start a transaction in
// the given time" until a restart: the e2e run saw the mail sender stop for good that
// way. Its rollback() runs no SQL either, so a failed COMMIT (a full disk) would leave
// the connection inside the transaction, holding the write lock.
// Here: BEGIN IMMEDIATE (the write lock first, so a read-then-write transaction waits its
// turn instead of failing at its first write), the lock released whatever happens, and
// a rollback that really rolls back.
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

type SqliteHandle = { inTransaction: boolean; prepare(sql: string): { run(): unknown } };

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** One transaction at a time per connection; a waiter runs once the previous one releases. */
function transactionLock(): () => Promise<() => void> {
  let last: Promise<void> = Promise.resolve();
  return async () => {
    const previous = last;
    let open!: () => void;
    last = new Promise<void>((resolve) => (open = resolve));
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
    };
  };
}

/** Replaces `adapter.startTransaction`; its queries go through the adapter's own (error conversion included). */
export function replaceTransactions(adapter: SqlDriverAdapter, client: SqliteHandle): void {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const original = adapter.startTransaction.bind(adapter);
  const acquire = transactionLock();

  adapter.startTransaction = async (isolationLevel) => {
    // SQLite has one level; the adapter's own refusal (and its message) for any other.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return original(isolationLevel);
    const release = await acquire();
    try {
      await executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    // Prisma sends COMMIT (or ROLLBACK) itself, then calls commit() (or rollback()).
    const end = async (): Promise<void> => {
      try {
        if (client.inTransaction) client.prepare("ROLLBACK").run();
      } catch {
        // Nothing more to undo: SQLite ends a transaction it could not keep.
      } finally {
        release();
      }
    };
    const transaction: Transaction = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      options: { usePhantomQuery: false },
      queryRaw,
      executeRaw,
      // After a COMMIT that failed, Prisma calls rollback(); after one that worked, there is nothing left to end.
      commit: end,
      rollback: end,
      createSavepoint: async (name) => void (await executeRaw(statement(`SAVEPOINT ${name}`))),
      rollbackToSavepoint: async (name) => void (await executeRaw(statement(`ROLLBACK TO ${name}`))),
      releaseSavepoint: async (name) => void (await executeRaw(statement(`RELEASE SAVEPOINT ${name}`))),
    };
    return transaction;
  };
}
