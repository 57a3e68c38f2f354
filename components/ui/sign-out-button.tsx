"use client";
// Sign-out also forgets this browser's journal drafts (components/journal/use-local-draft.ts):
// on a shared computer the next person must not find unsaved journal text.
import type { ReactNode } from "react";
import { forgetJournalDrafts } from "@/components/journal/use-local-draft";
import type { ButtonAction } from "@/lib/actions/form-state";

export function SignOutForm({ signOut, children }: { signOut: ButtonAction; children: ReactNode }) {
  return (
    <form action={signOut} onSubmit={forgetJournalDrafts}>
      {children}
    </form>
  );
}
