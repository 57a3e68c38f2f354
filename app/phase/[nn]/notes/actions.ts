"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { FormState } from "@/lib/actions/form-state";
import { saveNote } from "@/lib/journal/notes";
import { tooLargeMessage } from "@/lib/journal/limits";
import { StorageWriteError, reportStorageWriteError, storageWriteMessage } from "@/lib/db/write-errors";

const schema = z.object({
  phase: z.coerce.number().int().min(1).max(99),
  baseVersion: z.coerce.number().int().min(0),
  text: z.string(),
});

/** Saves the journal through the vault; a stale base version comes back as a conflict carrying the saved text. */
const save = formAction({ schema, access: "student" }, async (input, { user }): Promise<FormState> => {
  let result: Awaited<ReturnType<typeof saveNote>>;
  try {
    result = await saveNote(user, { phaseNumber: input.phase, baseVersion: input.baseVersion, text: input.text });
  } catch (error) {
    if (!(error instanceof StorageWriteError)) throw error;
    // Answered as a form error so the editor keeps the text and says what happened; counted as a 5xx.
    reportStorageWriteError(error);
    return { status: "error", message: storageWriteMessage(error), data: { outcome: "write_failed" } };
  }
  switch (result.kind) {
    case "saved":
      return { status: "success", message: "Saved.", data: { outcome: "saved", version: String(result.version), savedAt: result.savedAt } };
    case "too_large":
      return { status: "error", message: tooLargeMessage(result.sizeBytes), data: { outcome: "too_large" } };
    case "no_phase":
      return { status: "error", message: "This phase no longer exists, so the note was not saved. Copy your text somewhere safe.", data: { outcome: "no_phase" } };
    case "conflict": {
      const theirs = result.theirs;
      return {
        status: "error",
        message: "This note was changed in another tab or window since you opened it. Nothing was overwritten: choose which text to keep.",
        data: {
          outcome: "conflict",
          theirState: theirs.state,
          theirVersion: String(theirs.version),
          theirText: theirs.state === "ok" ? theirs.text : "",
          theirSavedAt: theirs.state === "empty" ? "" : theirs.savedAt,
        },
      };
    }
  }
});

export async function saveNoteAction(previous: FormState, formData: FormData): Promise<FormState> {
  // formAction would redirect an expired session to /login, and a client-side
  // navigation would drop the unsaved text (beforeunload does not fire for it).
  if (!(await getCurrentUser())) {
    return { status: "error", message: "Your session has ended, so the note was not saved. Sign in again in another tab, then save here: your text is still in the editor.", data: { outcome: "signed_out" } };
  }
  return save(previous, formData);
}
