// Readiness: the database answers and every migration on disk is applied.
import "server-only";
import { db } from "./client";
import { pendingMigrations } from "./migration-files";

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function checkReadiness(): Promise<Readiness> {
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
