// Sends the queue of offline grades to POST /review/sync, oldest first, in batches.
// Applied and duplicate grades leave the queue; refused ones move to the refused
// list the page shows (never dropped silently). Signed out, an old page or no
// network: the queue stays as it is for the next try. Browser-only.
import type { GradeOutcome } from "./sync-input";
import { MAX_BATCH, SYNC_VERSION } from "./sync-limits";
import { type QueuedGrade, type RefusedGrade, readAll, settleGrades } from "./store";

export type FlushResult = {
  sent: number;
  refused: number;
  pending: number;
  /** Why sending stopped early: the student sees `message`. */
  stopped?: "offline" | "signedOut" | "reload" | "failed";
  message?: string;
};

function plainText(html: string): string {
  return (new DOMParser().parseFromString(html, "text/html").body.textContent ?? "").trim().slice(0, 200);
}

async function sendBatch(batch: QueuedGrade[]): Promise<Response | null> {
  try {
    return await fetch("/review/sync", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ v: SYNC_VERSION, grades: batch.map(({ seq: _seq, ...g }) => g) }),
    });
  } catch {
    return null;
  }
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === "string" ? body.message : text;
  } catch {
    return text;
  }
}

async function flush(): Promise<FlushResult> {
  const { queue, deck } = await readAll();
  const fronts = new Map(deck.map((c) => [c.id, c.frontHtml]));
  const result: FlushResult = { sent: 0, refused: 0, pending: queue.length };
  for (let i = 0; i < queue.length; i += MAX_BATCH) {
    const batch = queue.slice(i, i + MAX_BATCH);
    const response = await sendBatch(batch);
    if (!response) return { ...result, stopped: "offline" };
    if (!response.ok) {
      const stopped =
        response.status === 401 || response.status === 403
          ? "signedOut"
          : response.status === 409
            ? "reload"
            : "failed";
      return { ...result, stopped, message: await messageOf(response) };
    }
    const { results } = (await response.json()) as { results: GradeOutcome[] };
    const byId = new Map(batch.map((g) => [g.id, g]));
    const done: string[] = [];
    const refused: RefusedGrade[] = [];
    for (const r of results) {
      const g = byId.get(r.id);
      if (!g) continue;
      const refusal = r.status === "refused" || (r.status === "duplicate" && r.outcome === "refused");
      if (refusal)
        refused.push({
          ...g,
          reason: r.reason ?? "",
          message: r.message ?? "",
          front: plainText(fronts.get(g.cardId) ?? ""),
        });
      else done.push(g.id);
    }
    await settleGrades(done, refused);
    result.sent += done.length;
    result.refused += refused.length;
    result.pending -= done.length + refused.length;
  }
  return result;
}

/** One sender at a time across this browser's tabs (the server would count a double send once anyway). */
export async function flushQueue(): Promise<FlushResult> {
  if (typeof navigator !== "undefined" && navigator.locks)
    return navigator.locks.request("miniportal-offline-sync", () => flush());
  return flush();
}
