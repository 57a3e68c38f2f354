"use client";
// Keeps the journal editor's unsaved text in localStorage (lib/journal/draft.ts)
// and finds a draft left by an earlier visit. Storage can be missing or full
// (private windows, quotas): then drafts are simply not kept.
import { useCallback, useEffect, useState } from "react";
import { DRAFT_KEY_PREFIX, type NoteDraft, draftToOffer, parseDraft, serializeDraft } from "@/lib/journal/draft";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Quota exceeded or storage disabled: the draft is not kept, the editor still works.
  }
}

/** Removes every journal draft this browser holds (on sign-out). */
export function forgetJournalDrafts(): void {
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(`${DRAFT_KEY_PREFIX}:`)) store.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

type Editing = { text: string; baseVersion: number; dirty: boolean };

export function useLocalDraft(key: string, savedText: string, editing: Editing) {
  // undefined: not looked yet (server render, first client render).
  const [offer, setOffer] = useState<NoteDraft | null | undefined>(undefined);

  useEffect(() => {
    // Once after mount: localStorage exists only in the browser.
    const found = draftToOffer(parseDraft(storage()?.getItem(key) ?? null), savedText);
    if (!found) write(key, null);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading browser storage after hydration
    setOffer(found);
  }, [key, savedText]);

  const { text, baseVersion, dirty } = editing;
  useEffect(() => {
    // While a found draft waits for an answer it stays as it was.
    if (offer !== null) return;
    write(key, dirty ? serializeDraft({ text, baseVersion, at: new Date().toISOString() }) : null);
  }, [key, offer, text, baseVersion, dirty]);

  /** Closes the offer; `forget` also removes the stored draft (restoring keeps it until a save). */
  const discard = useCallback(
    (forget: boolean) => {
      if (forget) write(key, null);
      setOffer(null);
    },
    [key],
  );
  return { offer: offer ?? null, discard };
}
