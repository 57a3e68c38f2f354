"use server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { StorageWriteError, reportStorageWriteError, storageWriteReason } from "@/lib/db/write-errors";
import { NOTE_MAX_BYTES, kibibytes } from "@/lib/journal/limits";
import { type SaveOutcome, type SaveResult, saveNote } from "@/lib/journal/notes";

const schema = z.object({
  phase: z.coerce.number().int().min(1).max(99),
  baseVersion: z.coerce.number().int().min(0),
  text: z.string(),
});

const MESSAGES = {
  no_phase: "save.noPhase",
  conflict: "save.conflict",
  signed_out: "save.signedOut",
} as const satisfies Record<Exclude<SaveOutcome["kind"], "saved" | "too_large" | "write_failed">, string>;

/** Saves the journal through the vault; a stale base version comes back as a conflict carrying the saved text. */
const save = formAction({ schema, access: "student" }, async (input, { user }): Promise<FormState<SaveOutcome>> => {
  const t = await getTranslations("journal");
  let result: SaveResult;
  try {
    result = await saveNote(user, { phaseNumber: input.phase, baseVersion: input.baseVersion, text: input.text });
  } catch (error) {
    if (!(error instanceof StorageWriteError)) throw error;
    // A form error, so the editor keeps the text and says what happened; counted as a 5xx and logged.
    reportStorageWriteError(error);
    const message = t("save.storage", { reason: storageWriteReason(error) });
    return { status: "error", message, data: { kind: "write_failed" } };
  }
  if (result.kind === "saved") return { status: "success", message: t("save.saved"), data: result };
  const message =
    result.kind === "too_large"
      ? t("save.tooLarge", { size: kibibytes(result.sizeBytes), limit: kibibytes(NOTE_MAX_BYTES) })
      : t(MESSAGES[result.kind]);
  return { status: "error", message, data: result };
});

export async function saveNoteAction(
  previous: FormState<SaveOutcome>,
  formData: FormData,
): Promise<FormState<SaveOutcome>> {
  // formAction would redirect an expired session to /login, and a client-side
  // navigation would drop the unsaved text (beforeunload does not fire for it).
  if (!(await getCurrentUser())) {
    const t = await getTranslations("journal");
    return { status: "error", message: t(MESSAGES.signed_out), data: { kind: "signed_out" } };
  }
  return save(previous, formData);
}
