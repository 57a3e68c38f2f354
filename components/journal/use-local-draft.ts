"use client";
// Keeps the journal editor's unsaved text in localStorage (lib/journal/draft.ts)
// and finds a draft left by an earlier visit. Storage can be missing or full
// (private windows, quotas): then drafts are simply not kept. The draft is written a
// moment after typing pauses, and at once when the editor goes away or the page is
// hidden: writing a note at the size limit to storage on every key slowed typing.
import { useCallback, useEffect, useRef, useState } from "react";
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

/** Tells an open editor that a draft it has not written yet must not be written (signing out). */
const FORGOTTEN_EVENT = "miniportal:journal-drafts-forgotten";

/** Removes every journal draft this browser holds (on sign-out). */
export function forgetJournalDrafts(): void {
  window.dispatchEvent(new Event(FORGOTTEN_EVENT));
  const store = storage();
  if (!store) return;
  try {
    for (const key of Object.keys(store)) if (key.startsWith(`${DRAFT_KEY_PREFIX}:`)) store.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

type Editing = { text: string; baseVersion: number; dirty: boolean };

const WRITE_DELAY_MS = 400;

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
  // What is still to be written: a draft, null (remove it), or undefined (nothing).
  const unwritten = useRef<{ key: string; draft: { text: string; baseVersion: number } | null } | undefined>(undefined);
  const flush = useCallback(() => {
    const next = unwritten.current;
    unwritten.current = undefined;
    if (next) write(next.key, next.draft && serializeDraft({ ...next.draft, at: new Date().toISOString() }));
  }, []);
  useEffect(() => {
    // While a found draft waits for an answer it stays as it was.
    if (offer !== null) return;
    unwritten.current = { key, draft: dirty ? { text, baseVersion } : null };
    if (!dirty) {
      flush(); // saved: the draft goes at once
      return;
    }
    const timer = setTimeout(flush, WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, offer, text, baseVersion, dirty, flush]);
  useEffect(() => {
    const forget = () => (unwritten.current = undefined);
    window.addEventListener("pagehide", flush);
    window.addEventListener(FORGOTTEN_EVENT, forget);
    return () => {
      window.removeEventListener("pagehide", flush);
      window.removeEventListener(FORGOTTEN_EVENT, forget);
      flush(); // leaving by an in-app link
    };
  }, [flush]);

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
