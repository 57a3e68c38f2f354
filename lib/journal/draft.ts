// Local drafts of the journal editor: unsaved text is kept in the browser's
// localStorage, keyed per user and phase, so leaving the editor by an in-app
// link (where beforeunload does not fire) loses nothing. It is offered back on
// return and removed after a successful save or a discard. Pure and
// client-safe; the editor does the storage calls.
export type NoteDraft = {
  text: string;
  /** The saved version the text was edited from: a restore saves against it, so a newer save elsewhere is a conflict. */
  baseVersion: number;
  /** When the draft was last written (ISO). */
  at: string;
};

export const DRAFT_KEY_PREFIX = "miniportal.journal-draft.v1";

export function draftKey(userId: string, phase: number): string {
  return `${DRAFT_KEY_PREFIX}:${userId}:${phase}`;
}

export function serializeDraft(draft: NoteDraft): string {
  return JSON.stringify(draft);
}

/** A stored draft, or null for anything absent, damaged or from another format. */
export function parseDraft(raw: string | null): NoteDraft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<NoteDraft> | null;
    if (!value || typeof value !== "object") return null;
    const { text, baseVersion, at } = value;
    if (typeof text !== "string" || typeof at !== "string" || Number.isNaN(Date.parse(at))) return null;
    if (typeof baseVersion !== "number" || !Number.isInteger(baseVersion) || baseVersion < 0) return null;
    return { text, baseVersion, at };
  } catch {
    return null;
  }
}

/** Whether a stored draft is worth offering: it says something the saved note does not. */
export function draftToOffer(draft: NoteDraft | null, savedText: string): NoteDraft | null {
  if (!draft || draft.text === savedText || draft.text.trim() === "") return null;
  return draft;
}
