// The private journal: one markdown note per student per phase, sealed by the
// vault. Every function takes the acting user and only ever touches that user's
// rows; admins have no way in. Saves are optimistic: a save names the version it
// edited, and a stale one gets the saved text back as a conflict, never an overwrite.
import "server-only";
import { randomUUID } from "node:crypto";
import { courseSnapshot } from "../content/course-snapshot";
import { db } from "../db/client";
import { assertRole, type SessionUser } from "../auth/session-user";
import { logger } from "../observability/logger";
import { VaultDecryptError, seal, unseal, type VaultBinding } from "../vault";
import { faultOf } from "../db/availability";
import { StorageWriteError, isUniqueViolation, sqliteCodeOf } from "../db/write-errors";
import { NOTE_MAX_BYTES, utf8Bytes } from "./limits";
import { countWords } from "./word-count";

type NoteRow = {
  id: string;
  userId: string;
  ciphertext: Uint8Array;
  iv: Uint8Array;
  keyId: string;
  format: number;
  version: number;
  updatedAt: Date;
};

export type NoteView =
  | { state: "empty"; version: 0 }
  | { state: "ok"; id: string; text: string; version: number; savedAt: string }
  | { state: "unreadable"; id: string; version: number; savedAt: string };

export type SaveResult =
  | { kind: "saved"; id: string; version: number; savedAt: string; sizeBytes: number }
  | { kind: "conflict"; theirs: NoteView }
  | { kind: "too_large"; sizeBytes: number }
  | { kind: "no_phase" };

/** What the editor learns from a save: the result, or that the session had ended first. */
export type SaveOutcome = SaveResult | { kind: "signed_out" } | { kind: "write_failed" };

function studentOnly(user: SessionUser): string {
  // The journal is private even from admins: no admin path reads it.
  assertRole(user, "student", "ownerOnlyJournal");
  return user.id;
}

const bindingOf = (row: { id: string; userId: string }): VaultBinding => ({
  ownerId: row.userId,
  table: "Note",
  rowId: row.id,
});

async function viewOf(row: NoteRow): Promise<NoteView> {
  const savedAt = row.updatedAt.toISOString();
  try {
    const text = await unseal(bindingOf(row), {
      ciphertext: Buffer.from(row.ciphertext),
      iv: Buffer.from(row.iv),
      keyId: row.keyId,
      format: row.format,
    });
    return { state: "ok", id: row.id, text, version: row.version, savedAt };
  } catch (error) {
    if (!(error instanceof VaultDecryptError)) throw error;
    logger().error({ event: "note.decrypt_failed", note_id: row.id }, "a journal note could not be decrypted");
    return { state: "unreadable", id: row.id, version: row.version, savedAt };
  }
}

async function activePhaseId(number: number): Promise<string | null> {
  return (await courseSnapshot()).byNumber.get(number)?.id ?? null;
}

/** The user's own note for a phase, decrypted; null when the phase does not exist. */
export async function readNote(user: SessionUser, phaseNumber: number): Promise<NoteView | null> {
  const userId = studentOnly(user);
  const phaseId = await activePhaseId(phaseNumber);
  if (!phaseId) return null;
  const row = await db().note.findUnique({ where: { userId_phaseId: { userId, phaseId } } });
  return row ? viewOf(row) : { state: "empty", version: 0 };
}

/**
 * Saves text as the user's note for a phase. baseVersion is the version the
 * editor started from (0: no note yet). Any other version on disk is a conflict.
 */
export async function saveNote(
  user: SessionUser,
  input: { phaseNumber: number; baseVersion: number; text: string },
): Promise<SaveResult> {
  const userId = studentOnly(user);
  // Form posts turn a textarea's line breaks into CRLF; store what the student typed.
  const text = input.text.replace(/\r\n?/g, "\n");
  const sizeBytes = utf8Bytes(text);
  if (sizeBytes > NOTE_MAX_BYTES) return { kind: "too_large", sizeBytes };
  try {
    return await store(userId, input.phaseNumber, input.baseVersion, text, sizeBytes);
  } catch (error) {
    // A database that cannot take the save (or answer its reads: PostgreSQL stopped)
    // is reported as such by the editor, which keeps the text; a bug stays a 500.
    const fault = error instanceof StorageWriteError ? null : faultOf(error);
    if (!fault) throw error;
    throw new StorageWriteError("note", sqliteCodeOf(error) ?? fault.code, { cause: error });
  }
}

async function store(
  userId: string,
  phaseNumber: number,
  baseVersion: number,
  text: string,
  sizeBytes: number,
): Promise<SaveResult> {
  const phaseId = await activePhaseId(phaseNumber);
  if (!phaseId) return { kind: "no_phase" };

  const current = await db().note.findUnique({ where: { userId_phaseId: { userId, phaseId } } });
  const conflict = async (): Promise<SaveResult> => {
    const latest = await db().note.findUnique({ where: { userId_phaseId: { userId, phaseId } } });
    return { kind: "conflict", theirs: latest ? await viewOf(latest) : { state: "empty", version: 0 } };
  };
  if ((current?.version ?? 0) !== baseVersion) return conflict();

  const id = current?.id ?? randomUUID();
  const sealed = await seal({ ownerId: userId, table: "Note", rowId: id }, text);
  const columns = {
    ciphertext: new Uint8Array(sealed.ciphertext),
    iv: new Uint8Array(sealed.iv),
    keyId: sealed.keyId,
    format: sealed.format,
    sizeBytes,
    wordCount: countWords(text),
  };
  let saved: { version: number; updatedAt: Date };
  try {
    if (!current) {
      saved = await db().note.create({
        data: { id, userId, phaseId, version: 1, ...columns },
        select: { version: true, updatedAt: true },
      });
    } else {
      // The version in the WHERE clause makes check-and-write one atomic step.
      const updated = await db().note.updateMany({
        where: { id, userId, version: baseVersion },
        data: { ...columns, version: baseVersion + 1 },
      });
      if (updated.count !== 1) return conflict();
      saved = await db().note.findUniqueOrThrow({ where: { id }, select: { version: true, updatedAt: true } });
    }
  } catch (error) {
    // Only another tab creating the note first is a conflict; a full disk, a
    // read-only file or a lock timeout is a fault the student must not mistake for one.
    if (isUniqueViolation(error)) return conflict();
    throw new StorageWriteError("note", sqliteCodeOf(error) ?? faultOf(error)?.code ?? null, { cause: error });
  }
  // Privacy: the id and sizes only, never the body.
  logger().info(
    {
      event: "note.saved",
      note_id: id,
      student_id: userId,
      size_bytes: sizeBytes,
      length_chars: [...text].length,
      version: saved.version,
    },
    "note saved",
  );
  return { kind: "saved", id, version: saved.version, savedAt: saved.updatedAt.toISOString(), sizeBytes };
}

export type JournalStatus = { phaseNumber: number; version: number; sizeBytes: number; savedAt: string };

/** Metadata of the user's notes (no decryption): for the phase page and the dashboard. */
export async function journalStatuses(user: SessionUser): Promise<JournalStatus[]> {
  const userId = studentOnly(user);
  const rows = await db().note.findMany({
    where: { userId, phase: { retiredAt: null } },
    select: { version: true, sizeBytes: true, updatedAt: true, phase: { select: { number: true } } },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map((r) => ({
    phaseNumber: r.phase.number,
    version: r.version,
    sizeBytes: r.sizeBytes,
    savedAt: r.updatedAt.toISOString(),
  }));
}
