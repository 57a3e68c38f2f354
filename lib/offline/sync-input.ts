// The body POST /review/sync accepts (docs/offline-review.md#sync), and the checks
// that need no database: shape, batch size, duplicate ids in one batch, and times
// the server will not take (in the future beyond clock skew, or too old). Pure and
// server-side (the browser imports only the limits, lib/offline/sync-limits.ts, and
// the outcome types).
import { z } from "zod";

import { CLOCK_SKEW_MS, MAX_AGE_MS, MAX_BATCH, MAX_SYNC_BODY, SYNC_VERSION } from "./sync-limits";

export { CLOCK_SKEW_MS, MAX_AGE_MS, MAX_BATCH, MAX_SYNC_BODY, SYNC_VERSION } from "./sync-limits";

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const offlineGradeSchema = z.strictObject({
  /** Client-generated (crypto.randomUUID): the idempotency key. */
  id: z.string().regex(/^[0-9a-f-]{36}$/i),
  cardId: id,
  answer: z.number().int().min(0).max(5),
  scale: z.enum(["sm2", "fsrs"]),
  givenAt: z.iso.datetime({ offset: true }),
  /** The scheduler state the grade was given against (null: the card was new). */
  basis: z.strictObject({ dueAt: z.iso.datetime({ offset: true }).nullable(), repetitions: z.number().int().min(0) }),
});
export const syncBodySchema = z.strictObject({
  v: z.literal(SYNC_VERSION),
  grades: z.array(offlineGradeSchema).min(1).max(MAX_BATCH),
});
export type OfflineGradeInput = z.infer<typeof offlineGradeSchema>;
export type SyncBody = z.infer<typeof syncBodySchema>;

export type RefusalReason =
  | "cardRetired"
  | "cardSuspended"
  | "cardNotDue"
  | "schedulerChanged"
  | "gradeRange"
  | "ratingRange"
  | "futureTime"
  | "tooOld";
export type GradeOutcome =
  | { id: string; status: "applied"; merged: boolean; redrill: boolean }
  | { id: string; status: "duplicate"; outcome: "applied" | "refused"; reason?: RefusalReason; message?: string }
  | { id: string; status: "refused"; reason: RefusalReason; message: string };

/** Refusals decided from the grade alone: its time against the server's clock. */
export function timeRefusal(givenAt: Date, now: Date): RefusalReason | null {
  if (givenAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return "futureTime";
  if (givenAt.getTime() < now.getTime() - MAX_AGE_MS) return "tooOld";
  return null;
}

/** Indexes of grades whose id already appeared earlier in the same batch. */
export function repeatedInBatch(grades: readonly { id: string }[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  grades.forEach((g, i) => {
    const key = g.id.toLowerCase();
    if (seen.has(key)) out.add(i);
    seen.add(key);
  });
  return out;
}

/** Parses a raw body (text): the typed batch, or why it is refused as a whole. */
export function parseSyncBody(
  text: string,
): { ok: true; body: SyncBody } | { ok: false; status: 400 | 409 | 413; problem: string } {
  if (new TextEncoder().encode(text).length > MAX_SYNC_BODY) return { ok: false, status: 413, problem: "tooLarge" };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, problem: "malformed" };
  }
  // A page from another build speaking another version: it must reload, its queue stays.
  if (typeof raw === "object" && raw !== null && "v" in raw && raw.v !== SYNC_VERSION)
    return { ok: false, status: 409, problem: "reload" };
  const parsed = syncBodySchema.safeParse(raw);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some((i) => i.code === "too_big" && i.path.length === 1);
    return tooMany ? { ok: false, status: 413, problem: "tooMany" } : { ok: false, status: 400, problem: "malformed" };
  }
  return { ok: true, body: parsed.data };
}
