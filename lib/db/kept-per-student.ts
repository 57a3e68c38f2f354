// Rows a worker keeps per student while the student's data is unchanged. "Unchanged" is
// the database's word, not this process's: triggers give a StudentDataVersion row a new
// token on every write to what the rows are read from (the student_data_version
// migrations), whichever worker, instance or script made it. A read asks for the tokens
// first (one query) and reads the rows again whenever they differ, so a save on one
// worker shows on the next request to any other.
import "server-only";
import { db } from "./client";

type Entry<T> = { key: string; readAt: number; client: unknown; rows: T };

export type KeptOptions<T> = {
  /** Students kept at most; the least recently used go first. */
  max: number;
  /** Whether rows read earlier still answer for `now` (beyond the tokens and key). */
  coversNow?: (rows: T, now: number) => boolean;
};

/** The tokens of these scopes (a student's id, or a shared scope such as the FSRS cohort's). */
async function dataTokens(scopes: string[]): Promise<string> {
  const rows = await db().studentDataVersion.findMany({
    where: { userId: { in: scopes } },
    select: { userId: true, token: true },
  });
  return scopes.map((s) => rows.find((r) => r.userId === s)?.token ?? "none").join("|");
}

export function keptPerStudent<T>({ max, coversNow = () => true }: KeptOptions<T>) {
  const kept = new Map<string, Entry<T>>();
  return {
    /**
     * The student's rows as of `now` (read-only: they may be shared with later requests).
     * `key`: what else the rows depend on (a zone, a first day); `shared`: other scopes
     * whose token they depend on. Rows read at a later moment never answer an earlier one.
     */
    async read(studentId: string, key: string, now: Date, load: () => Promise<T>, shared: string[] = []): Promise<T> {
      // The tokens first: a write that lands while the rows are read gives a newer token,
      // so rows read under an older one are never kept past the next request.
      const full = `${await dataTokens([studentId, ...shared])}|${key}`;
      const entry = kept.get(studentId);
      if (
        entry &&
        entry.key === full &&
        entry.client === db() &&
        entry.readAt <= now.getTime() &&
        coversNow(entry.rows, now.getTime())
      ) {
        kept.delete(studentId);
        kept.set(studentId, entry);
        return entry.rows;
      }
      const rows = await load();
      kept.delete(studentId);
      kept.set(studentId, { key: full, readAt: now.getTime(), client: db(), rows });
      if (kept.size > max) kept.delete(kept.keys().next().value!);
      return rows;
    },
  };
}
