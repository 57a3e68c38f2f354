// npm run bench:durability — what synchronous=FULL (lib/db/adapter.ts) costs on
// the save path: the same read-then-write transaction (a save's shape) with
// FULL and with NORMAL on this machine's disk. Prints numbers; asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";

const ROUNDS = Number(process.argv[2] ?? 400);
const dir = mkdtempSync(path.join(tmpdir(), "mp-bench-durability-"));
const url = `file:${path.join(dir, "bench.db")}`;

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(2);
  return `mean ${(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2)} ms, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`;
}

try {
  await migrateDatabase(url);
  const db = createDb(url);
  const body = "x".repeat(2000); // about a journal entry
  const results: Record<string, string> = {};
  for (const mode of ["FULL", "NORMAL", "FULL"] as const) {
    await db.$executeRawUnsafe(`PRAGMA synchronous = ${mode}`);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await db.$transaction(async (tx) => {
        await tx.phase.count();
        await tx.phase.upsert({
          where: { number: 1 },
          create: { number: 1, slug: "b", title: "t", summary: "s", body },
          update: { body: `${body}${i}` },
        });
      });
      times.push(performance.now() - started);
    }
    results[mode] = stats(times); // the second FULL run (warm) is the one kept
  }
  await db.$disconnect();
  console.log(`Save-shaped transaction (read + 2 KB write), ${ROUNDS} rounds each, WAL mode:`);
  console.log(`  synchronous=FULL   ${results.FULL}`);
  console.log(`  synchronous=NORMAL ${results.NORMAL}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
