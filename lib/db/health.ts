// Readiness: the database file is still the one opened, the database answers
// and every migration on disk is applied.
import { env } from "../env";
import { isSqliteUrl, sqlitePath } from "./adapter";
import { db } from "./client";
import { databaseFileChange } from "./file-identity";
import { pendingMigrations } from "./migration-files";

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function checkReadiness(): Promise<Readiness> {
  const url = env().databaseUrl;
  const change = isSqliteUrl(url) ? databaseFileChange(sqlitePath(url)) : null;
  if (change) return { ready: false, reason: `database file ${change.how}; restart the portal` };
  try {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const pending = await pendingMigrations(rows.map((r) => r.migration_name));
    return pending.length ? { ready: false, reason: `migrations not applied: ${pending.join(", ")}` } : { ready: true };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : "unknown error";
    return { ready: false, reason: /_prisma_migrations/.test(message ?? "") ? "database has no migrations applied" : "database unreachable" };
  }
}
