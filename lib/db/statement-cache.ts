// Prepared statements kept per SQLite connection. @prisma/adapter-better-sqlite3
// prepares every query afresh (`client.prepare(sql).bind(args)`) and better-sqlite3
// lets a statement be bound only once, so nothing is reused: SQLite's prepare was
// 3 % of a server worker's CPU under the capacity benchmark (docs/loadtest.md).
// The adapter's connection gets a view of its database whose prepare() returns the
// statement made the first time that SQL was seen, with the arguments passed at each
// run instead of bound for good. Everything else is the database itself.
import type { Database, Statement } from "better-sqlite3";

/** Distinct SQL texts kept per connection (Prisma's are parametrised; `IN (?, …)` lists vary by length). */
export const STATEMENTS_KEPT = 500;

const columnsOf = new WeakMap<Statement, ReturnType<Statement["columns"]>>();

/** A statement with its arguments, as the adapter uses one: bind once, then run, or columns and raw().all(). */
class ReusedStatement {
  private rawRows = false;
  constructor(
    private readonly statement: Statement,
    private readonly args: readonly unknown[] = [],
  ) {}
  get reader(): boolean {
    return this.statement.reader;
  }
  bind(args: readonly unknown[]): ReusedStatement {
    return new ReusedStatement(this.statement, args);
  }
  columns() {
    // The adapter asks on every read; better-sqlite3 builds the list afresh each time (1 % of a
    // worker under the load test). Prisma names every column, so a statement's list never changes.
    let columns = columnsOf.get(this.statement);
    if (!columns) columnsOf.set(this.statement, (columns = this.statement.columns()));
    return columns;
  }
  raw(on = true): this {
    this.rawRows = on;
    return this;
  }
  run() {
    return this.statement.run(...this.args);
  }
  get(): unknown {
    return this.statement.raw(this.rawRows).get(...this.args);
  }
  all(): unknown[] {
    return this.statement.raw(this.rawRows).all(...this.args);
  }
}

/** `database` with a prepare() that reuses statements by SQL text, the least recently used dropped past STATEMENTS_KEPT. */
export function withStatementCache(database: Database): Database {
  const kept = new Map<string, Statement>();
  const prepare = (sql: string): ReusedStatement => {
    let statement = kept.get(sql);
    if (statement)
      kept.delete(sql); // re-inserted below: the Map's order is the use order
    else statement = database.prepare(sql);
    kept.set(sql, statement);
    if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    return new ReusedStatement(statement);
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
