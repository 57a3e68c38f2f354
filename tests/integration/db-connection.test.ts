// The portal's SQLite connection (lib/db/adapter.ts): durable commits, writers in
// several processes that wait their turn instead of failing, and a database file
// deleted or replaced under a running process noticed before a write is
// acknowledged into it.
import { copyFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/db/health";
import { createActiveUser } from "../helpers/fixtures";
import { onPostgres } from "../helpers/test-database-mode";
import { runModule } from "../helpers/run-module";
import { useTestDb } from "../helpers/test-db";

/** A process that runs `rounds` read-then-write transactions on the database, as a server worker does. */
function writer(url: string, rounds: number, tag: string): Promise<{ code: number | null; out: string }> {
  const script = `
    const { createDb } = await import(${JSON.stringify(path.resolve("lib/db/client.ts"))});
    const db = createDb(${JSON.stringify(url)});
    let busy = 0;
    for (let i = 0; i < ${rounds}; i++) {
      try {
        await db.$transaction(async (tx) => {
          await tx.phase.count();
          await tx.phase.upsert({ where: { number: 99 }, create: { number: 99, slug: "contention", title: "t", summary: "s", body: "b", passMark: 0 }, update: { passMark: { increment: 1 } } });
        });
      } catch (e) { if (/SQLITE_BUSY|database is locked/i.test(String(e?.message ?? e))) busy++; else throw e; }
      await new Promise((r) => setTimeout(r, Math.random() * 10)); // the rest of a request's work
    }
    console.log(JSON.stringify({ tag: ${JSON.stringify(tag)}, busy }));
    await db.$disconnect();`;
  return runModule(script);
}

describe("the portal's SQLite connection", () => {
  const t = useTestDb();

  // PRAGMAs and a database file exist only on SQLite; the concurrent writers run on both.
  it.skipIf(onPostgres)(
    "commits with synchronous=FULL in WAL mode (survives power loss, not only a crash)",
    async () => {
      const [mode] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [sync] = await t.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
      expect(mode?.journal_mode).toBe("wal");
      expect(Number(sync?.synchronous)).toBe(2); // FULL; SQLite's WAL default here is NORMAL (1)
    },
  );

  it("writers in several processes never fail with SQLITE_BUSY on read-then-write transactions", async () => {
    const results = await Promise.all([0, 1, 2].map((i) => writer(t.url, 40, `w${i}`)));
    for (const r of results) {
      expect(r.out).not.toMatch(/Error/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out.trim().split("\n").at(-1)!)).toMatchObject({ busy: 0 });
    }
    const phase = await t.db.phase.findUniqueOrThrow({ where: { number: 99 } });
    expect(phase.passMark).toBe(119); // 120 transactions (one create, 119 increments), none lost
  }, 120_000);

  it.skipIf(onPostgres)(
    "refuses writes and turns readiness off once the database file is replaced or deleted",
    async () => {
      const client = createDb(t.url);
      const g = globalThis as unknown as { miniportalDb?: unknown };
      const previous = g.miniportalDb;
      g.miniportalDb = client;
      try {
        await createActiveUser();
        const users = await client.user.count();
        expect(await checkReadiness()).toEqual({ ready: true });

        // Replaced: a copy moved over the file (a hand-made restore).
        copyFileSync(t.file, `${t.file}.copy`);
        renameSync(`${t.file}.copy`, t.file);
        await expect(createActiveUser()).rejects.toThrow(
          /was replaced while the portal was running; writes are refused/,
        );
        expect(await checkReadiness()).toEqual({ ready: false, reason: "database file replaced; restart the portal" });
        // Reads still answer from what the process has open.
        expect(await client.user.count()).toBe(users);

        rmSync(t.file);
        await expect(createActiveUser()).rejects.toThrow(/was deleted while the portal was running/);
        expect(await checkReadiness()).toMatchObject({
          ready: false,
          reason: "database file deleted; restart the portal",
        });
      } finally {
        g.miniportalDb = previous;
        await client.$disconnect();
      }
    },
  );
});
