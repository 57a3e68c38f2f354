// The browser's offline review data (IndexedDB through idb): the student's deck
// (due cards for the next days, rendered and sanitised by the server), the queue of
// grades given offline, and grades the server refused (shown until dismissed). One
// owner per browser: a different account's data is deleted before anything is kept
// (docs/offline-review.md#what-is-stored-where). Browser-only.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import { IDB_NAME, SHELL_CACHE } from "./constants";

export type DeckCard = {
  id: string;
  frontHtml: string;
  backHtml: string;
  phaseNumber: number;
  phaseTitle: string;
  /** ISO; null for a new card (due at once). */
  dueAt: string | null;
  repetitions: number;
  /** FSRS: the interval each answer would give, as the server computed it. */
  intervals?: [number, number, number, number];
  /** Set when graded on this device after the deck was saved: not shown again until a re-drill is due. */
  gradedAt?: string;
  /** The last grade given here was below 4: the card comes back in this session. */
  redrill?: boolean;
};
export type QueuedGrade = {
  id: string;
  seq: number;
  cardId: string;
  answer: number;
  scale: "sm2" | "fsrs";
  givenAt: string;
  basis: { dueAt: string | null; repetitions: number };
};
export type RefusedGrade = QueuedGrade & { reason: string; message: string; front: string };
export type Owner = { userId: string; scheduler: "sm2" | "fsrs"; savedAt: string };

interface OfflineDb extends DBSchema {
  meta: { key: string; value: Owner };
  deck: { key: string; value: DeckCard };
  queue: { key: string; value: QueuedGrade; indexes: { seq: number } };
  refused: { key: string; value: RefusedGrade };
}

function open(): Promise<IDBPDatabase<OfflineDb>> {
  return openDB<OfflineDb>(IDB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("meta");
      db.createObjectStore("deck", { keyPath: "id" });
      db.createObjectStore("queue", { keyPath: "id" }).createIndex("seq", "seq");
      db.createObjectStore("refused", { keyPath: "id" });
    },
  });
}

/** Whether this browser holds offline review data at all (without creating the database). */
async function exists(): Promise<boolean> {
  if (typeof indexedDB === "undefined") return false;
  if (!indexedDB.databases) return true;
  return (await indexedDB.databases()).some((d) => d.name === IDB_NAME);
}

/** Deletes everything offline review keeps: the database, the cached shell, the worker's copy. */
export async function forgetOfflineReview(): Promise<void> {
  navigator.serviceWorker?.controller?.postMessage({ type: "CLEAR" });
  await Promise.all([
    typeof caches !== "undefined" ? caches.delete(SHELL_CACHE) : Promise.resolve(false),
    new Promise<void>((resolve) => {
      if (typeof indexedDB === "undefined") return resolve();
      const req = indexedDB.deleteDatabase(IDB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    }),
  ]);
}

/** Signed out, or another account: nothing of the previous one may stay. */
export async function guardOwner(userId: string | null): Promise<void> {
  if (!(await exists())) return;
  const db = await open();
  const owner = await db.get("meta", "owner");
  db.close();
  if (userId === null || (owner && owner.userId !== userId)) await forgetOfflineReview();
}

export async function saveDeck(owner: Owner, cards: DeckCard[]): Promise<void> {
  await guardOwner(owner.userId);
  const db = await open();
  const tx = db.transaction(["meta", "deck", "queue"], "readwrite");
  // Cards graded here and not yet sent keep their local state over the server's older one.
  const pending = new Set((await tx.objectStore("queue").getAll()).map((g) => g.cardId));
  const kept = new Map((await tx.objectStore("deck").getAll()).map((c) => [c.id, c]));
  await tx.objectStore("deck").clear();
  for (const c of cards) await tx.objectStore("deck").put(pending.has(c.id) ? (kept.get(c.id) ?? c) : c);
  await tx.objectStore("meta").put(owner, "owner");
  await tx.done;
  db.close();
}

export async function readAll(): Promise<{
  owner: Owner | null;
  deck: DeckCard[];
  queue: QueuedGrade[];
  refused: RefusedGrade[];
}> {
  if (!(await exists())) return { owner: null, deck: [], queue: [], refused: [] };
  const db = await open();
  const [owner, deck, queue, refused] = await Promise.all([
    db.get("meta", "owner"),
    db.getAll("deck"),
    db.getAllFromIndex("queue", "seq"),
    db.getAll("refused"),
  ]);
  db.close();
  return { owner: owner ?? null, deck, queue, refused };
}

/** Records a grade given on this device and the card's local state after it, atomically. */
export async function enqueueGrade(grade: Omit<QueuedGrade, "seq">, card: DeckCard): Promise<void> {
  const db = await open();
  const tx = db.transaction(["queue", "deck"], "readwrite");
  const last = await tx.objectStore("queue").index("seq").openCursor(null, "prev");
  await tx.objectStore("queue").put({ ...grade, seq: (last?.value.seq ?? 0) + 1 });
  await tx.objectStore("deck").put(card);
  await tx.done;
  db.close();
}

/** An online grade: the card's local copy follows the server's answer. */
export async function updateCard(card: DeckCard): Promise<void> {
  if (!(await exists())) return;
  const db = await open();
  await db.put("deck", card);
  db.close();
}

export async function getCard(id: string): Promise<DeckCard | undefined> {
  if (!(await exists())) return undefined;
  const db = await open();
  const card = await db.get("deck", id);
  db.close();
  return card;
}

/** After a send: applied and duplicate grades leave the queue; refused ones move to `refused`. */
export async function settleGrades(done: string[], refused: RefusedGrade[]): Promise<void> {
  const db = await open();
  const tx = db.transaction(["queue", "refused"], "readwrite");
  for (const id of done) await tx.objectStore("queue").delete(id);
  for (const r of refused) {
    await tx.objectStore("queue").delete(r.id);
    await tx.objectStore("refused").put(r);
  }
  await tx.done;
  db.close();
}

export async function dismissRefused(): Promise<void> {
  const db = await open();
  await db.clear("refused");
  db.close();
}

/** Takes back a grade not yet sent (undo while offline). */
export async function removeQueued(id: string): Promise<void> {
  const db = await open();
  await db.delete("queue", id);
  db.close();
}
