// Moving house: copies an SQLite portal into an empty PostgreSQL database in one
// transaction (a failed copy leaves the target as empty as it was), resets the
// sequences past the copied ids, then verifies the copy (verify.ts).
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { pendingMigrations } from "../migration-files";
import { providerOf, redactedUrl } from "../provider";
import { sqlitePath } from "../adapter";
import { COPY_ORDER, delegateOf, pagesOf } from "./tables";
import { verifyCopy, type VerifyResult } from "./verify";

export class CopyRefused extends Error {
  name = "CopyRefused";
}

export type CopyProgress = { table: string; copied: number; total: number };
export type CopyOptions = {
  sourceUrl: string;
  targetUrl: string;
  masterPass: string;
  pageSize?: number;
  onProgress?: (p: CopyProgress) => void;
};
export type CopyResult = VerifyResult & { durationMs: number; sequences: string[] };

const COPY_TIMEOUT_MS = 60 * 60_000;

/** Refuses a target that holds any row (its migrations bookkeeping aside). */
export async function assertEmptyTarget(targetUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: targetUrl });
  await client.connect().catch((error: Error) => {
    throw new CopyRefused(
      `Cannot connect to ${redactedUrl(targetUrl)}: ${error.message}. Create the database first (createdb).`,
    );
  });
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1",
    );
    for (const { name } of rows) {
      const { rows: hit } = await client.query(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`);
      if (hit.length)
        throw new CopyRefused(
          `The target database is not empty (table ${name} has rows). db:copy only fills an empty database; create a new one.`,
        );
    }
  } finally {
    await client.end();
  }
}

async function assertCompleteSource(source: Db): Promise<void> {
  const applied = await source.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const pending = await pendingMigrations(
    applied.map((r) => r.migration_name),
    "sqlite",
  );
  if (pending.length)
    throw new CopyRefused(`The SQLite database lacks migrations ${pending.join(", ")}: run npm run db:migrate first.`);
}

/** Moves every serial sequence past the largest copied id. */
async function resetSequences(tx: Pick<Db, "$queryRawUnsafe">): Promise<string[]> {
  const serials = await tx.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%' ORDER BY 1, 2",
  );
  const done: string[] = [];
  for (const { table_name: table, column_name: column } of serials) {
    await tx.$queryRawUnsafe(
      "SELECT setval(pg_get_serial_sequence(format('%I', $1::text), $2), " +
        `COALESCE((SELECT MAX(${JSON.stringify(column)}) FROM ${JSON.stringify(table)}), 0) + 1, false)`,
      table,
      column,
    );
    done.push(`${table}.${column}`);
  }
  return done;
}

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const { sourceUrl, targetUrl, masterPass, pageSize = 500, onProgress = () => {} } = options;
  if (providerOf(sourceUrl) !== "sqlite")
    throw new CopyRefused("The source (DATABASE_URL) must be the SQLite portal to copy (a file: URL).");
  if (providerOf(targetUrl) !== "postgresql") throw new CopyRefused("--to must be a postgresql:// URL.");
  const file = path.resolve(sqlitePath(sourceUrl));
  if (!existsSync(file)) throw new CopyRefused(`There is no SQLite database at ${file}.`);
  const started = Date.now();
  await assertEmptyTarget(targetUrl);

  const source = createDb(sourceUrl);
  let target: Db | undefined;
  try {
    await assertCompleteSource(source);
    await migrateDatabase(targetUrl);
    target = createDb(targetUrl);
    const totals = await Promise.all(COPY_ORDER.map((t) => delegateOf(source, t).count()));
    const total = totals.reduce((a, b) => a + b, 0);
    let copied = 0;
    onProgress({ table: COPY_ORDER[0]!.table, copied, total });
    const sequences = await target.$transaction(
      async (tx) => {
        for (const table of COPY_ORDER) {
          for await (const rows of pagesOf(source, table, pageSize)) {
            await delegateOf(tx, table).createMany({ data: rows });
            copied += rows.length;
            onProgress({ table: table.table, copied, total });
          }
        }
        return resetSequences(tx);
      },
      { timeout: COPY_TIMEOUT_MS, maxWait: 30_000 },
    );
    const verified = await verifyCopy(source, target, masterPass);
    return { ...verified, sequences, durationMs: Date.now() - started };
  } finally {
    await source.$disconnect();
    await target?.$disconnect();
  }
}
