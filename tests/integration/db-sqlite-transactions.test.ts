// Transactions on SQLite after one could not start (lib/db/sqlite-transactions.ts).
// With @prisma/adapter-better-sqlite3's own transactions, one BEGIN that met a write
// lock held past the busy timeout kept the adapter's lock for good: every later
// transaction of the process failed with "Unable to start a transaction in the given
// time" (the e2e run's mail sender stopped that way under load). Here another
// connection holds the write lock, as another worker or `npm run backup` can.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapterFor } from "@/lib/db/adapter";
import { PrismaClient } from "@/lib/db/generated/client";
import { onPostgres } from "../helpers/test-database-mode";
import { createTestDb, type TestDb } from "../helpers/test-db";

describe.skipIf(onPostgres)("SQLite transactions when the write lock is taken", () => {
  let t: TestDb;
  let client: PrismaClient;
  let other: Database.Database;
  beforeAll(async () => {
    t = await createTestDb();
    // A short busy timeout, so a held lock is met in 150 ms rather than the portal's 10 s.
    client = new PrismaClient({ adapter: adapterFor(`file:${t.file}`, { sqliteBusyTimeoutMs: 150 }) });
    other = new Database(t.file, { timeout: 0 });
  });
  afterAll(async () => {
    other.close();
    await client.$disconnect();
    await t.cleanup();
  });

  const countUsers = () => client.$transaction(async (tx) => tx.user.count());

  it("a transaction refused by a held lock leaves the next one free to start, and to write", async () => {
    other.exec("BEGIN IMMEDIATE");
    await expect(countUsers(), "refused while another connection holds the lock").rejects.toThrow();
    await expect(countUsers(), "still refused, not stuck: the same error").rejects.toThrow(/timed out/i);
    other.exec("COMMIT");

    await expect(countUsers()).resolves.toBeTypeOf("number");
    const email = `after-busy-${Date.now()}@example.org`;
    await client.$transaction(async (tx) => {
      await tx.user.create({ data: { email, name: "After busy", role: "student" } });
    });
    expect(await client.user.count({ where: { email } })).toBe(1);
    // Our lock was given back: the other connection can take the write lock at once.
    expect(() => other.exec("BEGIN IMMEDIATE; COMMIT")).not.toThrow();
  });

  it("a failed transaction is rolled back and lets go of the write lock", async () => {
    const email = `rolled-back-${Date.now()}@example.org`;
    await expect(
      client.$transaction(async (tx) => {
        await tx.user.create({ data: { email, name: "Rolled back", role: "student" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await client.user.count({ where: { email } })).toBe(0);
    expect(() => other.exec("BEGIN IMMEDIATE; COMMIT")).not.toThrow();
  });

  it("transactions started together run one after another, each with its own writes", async () => {
    const stamp = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.$transaction(async (tx) => {
          const before = await tx.user.count();
          await tx.user.create({
            data: { email: `together-${stamp}-${i}@example.org`, name: `T${i}`, role: "student" },
          });
          expect(await tx.user.count()).toBe(before + 1);
        }),
      ),
    );
    expect(await client.user.count({ where: { email: { startsWith: `together-${stamp}-` } } })).toBe(8);
  });
});
