"use client";
// Sign-out also forgets this browser's journal drafts (components/journal/use-local-draft.ts)
// and its offline review data (deck, queue, cached shell: lib/offline/store.ts): on a
// shared computer the next person must not find them.
import type { ReactNode } from "react";
import { forgetJournalDrafts } from "@/components/journal/use-local-draft";
import { forgetOfflineReview } from "@/lib/offline/store";
import type { ButtonAction } from "@/lib/actions/form-state";

export function SignOutForm({ signOut, children }: { signOut: ButtonAction; children: ReactNode }) {
  return (
    <form
      action={signOut}
      onSubmit={() => {
        forgetJournalDrafts();
        void forgetOfflineReview();
      }}
    >
      {children}
    </form>
  );
}
