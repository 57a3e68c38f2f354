// After a copy: the same rows on both sides (every column, ciphertexts byte for
// byte, compared by id whatever order each database sorts them in), and every
// note and exam answer opens with the master pass on the copy.
import { createHash } from "node:crypto";
import type { Db } from "../client";
import { aadFor, decrypt } from "../../vault/crypto";
import { buf, deriveCheckedKek, loadKeys } from "../../vault/keyring";
import { COPY_ORDER, pagesOf, type CopyTable, type Row } from "./tables";

const PAGE = 1000;

export class CopyVerifyError extends Error {
  name = "CopyVerifyError";
}

function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("base64")}`;
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (typeof value === "bigint") return `int:${value}`;
  return value;
}

export function rowDigest(row: Row): string {
  const fields = Object.keys(row)
    .sort()
    .map((k) => [k, canonical(row[k])]);
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64");
}

/** Rows compared one by one; returns the row count. */
export async function compareTable(source: Db, target: Db, table: CopyTable): Promise<number> {
  const expected = new Map<string | number, string>();
  for await (const rows of pagesOf(source, table, PAGE)) for (const row of rows) expected.set(row.id, rowDigest(row));
  let seen = 0;
  for await (const rows of pagesOf(target, table, PAGE)) {
    for (const row of rows) {
      const digest = expected.get(row.id);
      if (digest === undefined)
        throw new CopyVerifyError(`${table.table}: row ${row.id} is in the copy but not in the source`);
      if (digest !== rowDigest(row)) throw new CopyVerifyError(`${table.table}: row ${row.id} differs from the source`);
      seen++;
    }
  }
  if (seen !== expected.size)
    throw new CopyVerifyError(`${table.table}: ${expected.size} rows in the source, ${seen} in the copy`);
  return seen;
}

export type VerifyResult = { rows: Record<string, number>; notesOpened: number; answersOpened: number };

/** Decrypts every sealed note and exam answer of the copy with the master pass. */
export async function openEverySealedValue(
  target: Db,
  masterPass: string,
): Promise<{ notesOpened: number; answersOpened: number }> {
  const sealedCount =
    (await target.note.count()) + (await target.examAttempt.count({ where: { ciphertext: { not: null } } }));
  const kek = await deriveCheckedKek(masterPass, target);
  if (!kek) {
    if (sealedCount > 0) throw new CopyVerifyError("the copy has encrypted rows but no vault configuration");
    return { notesOpened: 0, answersOpened: 0 };
  }
  const { keys } = await loadKeys(kek, target);
  const open = (
    table: "Note" | "ExamAttempt",
    row: { id: string; userId: string; ciphertext: Uint8Array; iv: Uint8Array; keyId: string; format: number },
  ) => {
    const key = keys.get(row.keyId);
    if (!key) throw new CopyVerifyError(`${table} ${row.id}: its data key ${row.keyId} is not in the copy`);
    try {
      decrypt(
        key,
        buf(row.ciphertext),
        buf(row.iv),
        aadFor({ ownerId: row.userId, table, rowId: row.id, keyId: row.keyId, format: row.format }),
      );
    } catch {
      throw new CopyVerifyError(`${table} ${row.id} does not decrypt in the copy`);
    }
  };
  let notesOpened = 0;
  for (const note of await target.note.findMany()) {
    open("Note", note);
    notesOpened++;
  }
  let answersOpened = 0;
  for (const a of await target.examAttempt.findMany({ where: { ciphertext: { not: null } } })) {
    if (!a.iv || !a.keyId) throw new CopyVerifyError(`ExamAttempt ${a.id} has a ciphertext without its iv or key id`);
    open("ExamAttempt", { ...a, ciphertext: a.ciphertext!, iv: a.iv, keyId: a.keyId });
    answersOpened++;
  }
  return { notesOpened, answersOpened };
}

export async function verifyCopy(source: Db, target: Db, masterPass: string): Promise<VerifyResult> {
  const rows: Record<string, number> = {};
  for (const table of COPY_ORDER) rows[table.table] = await compareTable(source, target, table);
  return { rows, ...(await openEverySealedValue(target, masterPass)) };
}
