"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { StorageWriteError, reportStorageWriteError, storageWriteMessage } from "@/lib/db/write-errors";
import { tooLargeMessage } from "@/lib/journal/limits";
import { type SaveOutcome, type SaveResult, saveNote } from "@/lib/journal/notes";

const schema = z.object({
  phase: z.coerce.number().int().min(1).max(99),
  baseVersion: z.coerce.number().int().min(0),
  text: z.string(),
});

const MESSAGES: Record<Exclude<SaveOutcome["kind"], "saved" | "too_large" | "write_failed">, string> = {
  no_phase: "This phase no longer exists, so the note was not saved. Copy your text somewhere safe.",
  conflict:
    "This note was changed in another tab or window since you opened it. Nothing was overwritten: choose which text to keep.",
  signed_out:
    "Your session has ended, so the note was not saved. Sign in again in another tab, then save here: your text is still in the editor.",
};

/** Saves the journal through the vault; a stale base version comes back as a conflict carrying the saved text. */
const save = formAction({ schema, access: "student" }, async (input, { user }): Promise<FormState<SaveOutcome>> => {
  let result: SaveResult;
  try {
    result = await saveNote(user, { phaseNumber: input.phase, baseVersion: input.baseVersion, text: input.text });
  } catch (error) {
    if (!(error instanceof StorageWriteError)) throw error;
    // A form error, so the editor keeps the text and says what happened; counted as a 5xx and logged.
    reportStorageWriteError(error);
    return { status: "error", message: storageWriteMessage(error), data: { kind: "write_failed" } };
  }
  if (result.kind === "saved") return { status: "success", message: "Saved.", data: result };
  const message = result.kind === "too_large" ? tooLargeMessage(result.sizeBytes) : MESSAGES[result.kind];
  return { status: "error", message, data: result };
});

export async function saveNoteAction(
  previous: FormState<SaveOutcome>,
  formData: FormData,
): Promise<FormState<SaveOutcome>> {
  // formAction would redirect an expired session to /login, and a client-side
  // navigation would drop the unsaved text (beforeunload does not fire for it).
  if (!(await getCurrentUser())) return { status: "error", message: MESSAGES.signed_out, data: { kind: "signed_out" } };
  return save(previous, formData);
}
