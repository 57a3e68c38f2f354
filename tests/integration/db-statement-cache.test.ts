// lib/db/statement-cache.ts on a real SQLite file, used the way
// @prisma/adapter-better-sqlite3 uses its connection: prepare(sql).bind(args), then
// run(), or columns() and raw().all(). Each SQL text is prepared once and answers
// every later run with that run's arguments; the least recently used is dropped past
// the limit; everything else is the database itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STATEMENTS_KEPT, withStatementCache } from "@/lib/db/statement-cache";

let dir: string;
let raw: Database.Database;
let prepared: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "statement-cache-"));
  raw = new Database(path.join(dir, "test.db"));
  raw.exec("CREATE TABLE card (id INTEGER PRIMARY KEY, front TEXT NOT NULL, due INTEGER NOT NULL)");
  prepared = [];
  const prepare = raw.prepare.bind(raw);
  raw.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof raw.prepare;
});
afterEach(() => {
  raw.close();
  rmSync(dir, { recursive: true, force: true });
});

type AsAdapterUses = {
  prepare(sql: string): {
    bind(args: unknown[]): {
      reader: boolean;
      run(): { changes: number };
      columns(): { name: string }[];
      raw(): { all(): unknown[][] };
    };
    run(): unknown;
  };
};

describe("prepared statements reused per connection", () => {
  it("prepares each SQL text once and runs it with each call's own arguments", () => {
    const db = withStatementCache(raw) as unknown as AsAdapterUses;
    const insert = "INSERT INTO card (front, due) VALUES (?, ?)";
    for (let i = 1; i <= 5; i++)
      expect(
        db
          .prepare(insert)
          .bind([`card ${i}`, i * 10])
          .run().changes,
      ).toBe(1);
    const select = "SELECT id, front FROM card WHERE due >= ? ORDER BY id";
    const at = (due: number) => {
      const statement = db.prepare(select).bind([due]);
      expect(statement.reader).toBe(true);
      expect(statement.columns().map((c) => c.name)).toEqual(["id", "front"]);
      return statement.raw().all();
    };
    expect(at(40)).toEqual([
      [4, "card 4"],
      [5, "card 5"],
    ]);
    expect(at(50)).toEqual([[5, "card 5"]]);
    expect(at(0)).toHaveLength(5);
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    expect(prepared.filter((s) => s === select)).toHaveLength(1);
    // The adapter asks for the columns on every read: one list per statement, the same each time.
    expect(db.prepare(select).bind([0]).columns()).toBe(db.prepare(select).bind([1]).columns());
  });

  it("keeps transactions working through reused BEGIN and ROLLBACK, and passes the rest through", () => {
    const db = withStatementCache(raw);
    for (let round = 0; round < 3; round++) {
      (db as unknown as AsAdapterUses).prepare("BEGIN").run();
      expect(db.inTransaction).toBe(true);
      (db as unknown as AsAdapterUses).prepare("INSERT INTO card (front, due) VALUES (?, ?)").bind(["kept?", 1]).run();
      (db as unknown as AsAdapterUses).prepare("ROLLBACK").run();
      expect(db.inTransaction).toBe(false);
    }
    expect(raw.prepare("SELECT count(*) AS n FROM card").get()).toEqual({ n: 0 });
    expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    db.exec("INSERT INTO card (front, due) VALUES ('direct', 1)");
    expect(raw.prepare("SELECT front FROM card").all()).toEqual([{ front: "direct" }]);
    expect(prepared.filter((s) => s === "BEGIN")).toHaveLength(1);
  });

  it("drops the least recently used statement past the limit, and prepares it again when it comes back", () => {
    const db = withStatementCache(raw) as unknown as AsAdapterUses;
    const sql = (i: number) => `SELECT ${i} AS n`;
    for (let i = 0; i <= STATEMENTS_KEPT; i++) {
      db.prepare(sql(i)).bind([]).raw().all();
      db.prepare(sql(0)).bind([]).raw().all(); // 0 stays in use: never the one dropped
    }
    db.prepare(sql(1)).bind([]).raw().all(); // 1 was the least recently used
    expect(prepared.filter((s) => s === sql(0))).toHaveLength(1);
    expect(prepared.filter((s) => s === sql(1))).toHaveLength(2);
    expect(db.prepare(sql(1)).bind([]).raw().all()).toEqual([[1]]);
  });
});
