// The journal through its real lib functions and a real database: round trip,
// optimistic versions and conflicts, the size limit, per-student isolation, and
// no plaintext anywhere in the stored bytes (SQLite file and WAL, or a pg_dump).
import { readFileSync, existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { NOTE_MAX_BYTES } from "@/lib/journal/limits";
import { journalStatuses, readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { databaseBytes, useTestDb } from "../helpers/test-db";

const t = useTestDb();
let alice: Awaited<ReturnType<typeof createActiveUser>>;
let bob: Awaited<ReturnType<typeof createActiveUser>>;

beforeAll(async () => {
  await syncCourse();
  alice = await createActiveUser();
  bob = await createActiveUser();
});

describe("journal notes", () => {
  it("round-trips a note and bumps the version on each save", async () => {
    expect(await readNote(alice.user, 1)).toEqual({ state: "empty", version: 0 });
    const first = await saveNote(alice.user, {
      phaseNumber: 1,
      baseVersion: 0,
      text: "# Day one\n\n- logs are events",
    });
    expect(first).toMatchObject({ kind: "saved", version: 1 });
    const second = await saveNote(alice.user, {
      phaseNumber: 1,
      baseVersion: 1,
      text: "# Day one\n\n- logs are events\n- metrics are numbers",
    });
    expect(second).toMatchObject({ kind: "saved", version: 2 });
    expect(await readNote(alice.user, 1)).toMatchObject({
      state: "ok",
      version: 2,
      text: "# Day one\n\n- logs are events\n- metrics are numbers",
    });
    expect((await journalStatuses(alice.user)).map((s) => [s.phaseNumber, s.version])).toEqual([[1, 2]]);
  });

  it("stores line breaks as typed, though a form post sends them as CRLF", async () => {
    expect(
      await saveNote(alice.user, { phaseNumber: 6, baseVersion: 0, text: "line one\r\nline two\r\n" }),
    ).toMatchObject({ kind: "saved", sizeBytes: 18 });
    expect(await readNote(alice.user, 6)).toMatchObject({ text: "line one\nline two\n" });
  });

  it("answers a stale save with the saved text instead of overwriting it", async () => {
    await saveNote(alice.user, { phaseNumber: 2, baseVersion: 0, text: "tab A first" });
    const tabB = await saveNote(alice.user, { phaseNumber: 2, baseVersion: 1, text: "tab B edit" });
    expect(tabB).toMatchObject({ kind: "saved", version: 2 });
    const staleA = await saveNote(alice.user, { phaseNumber: 2, baseVersion: 1, text: "tab A second edit" });
    expect(staleA).toEqual({
      kind: "conflict",
      theirs: expect.objectContaining({ state: "ok", text: "tab B edit", version: 2 }),
    });
    expect(await readNote(alice.user, 2)).toMatchObject({ text: "tab B edit", version: 2 });
    // "Keep mine": the same text saved again on top of the version it now knows about.
    expect(await saveNote(alice.user, { phaseNumber: 2, baseVersion: 2, text: "tab A second edit" })).toMatchObject({
      kind: "saved",
      version: 3,
    });
  });

  it("treats two first saves of a new note as a conflict, not a duplicate", async () => {
    const [a, b] = await Promise.all([
      saveNote(alice.user, { phaseNumber: 3, baseVersion: 0, text: "one" }),
      saveNote(alice.user, { phaseNumber: 3, baseVersion: 0, text: "two" }),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(["conflict", "saved"]);
    expect(await t.db.note.count({ where: { userId: alice.id, phase: { number: 3 } } })).toBe(1);
  });

  it("refuses a note over 256 KiB and leaves the saved one alone", async () => {
    const before = await readNote(alice.user, 1);
    const huge = "é".repeat(NOTE_MAX_BYTES / 2 + 1); // 2 bytes each: just over the limit
    expect(await saveNote(alice.user, { phaseNumber: 1, baseVersion: 2, text: huge })).toEqual({
      kind: "too_large",
      sizeBytes: NOTE_MAX_BYTES + 2,
    });
    expect(await readNote(alice.user, 1)).toEqual(before);
    const atLimit = "x".repeat(NOTE_MAX_BYTES);
    expect(await saveNote(alice.user, { phaseNumber: 1, baseVersion: 2, text: atLimit })).toMatchObject({
      kind: "saved",
      sizeBytes: NOTE_MAX_BYTES,
    });
  });

  it("keeps students apart and admins out", async () => {
    expect(await readNote(bob.user, 1)).toEqual({ state: "empty", version: 0 });
    expect(await journalStatuses(bob.user)).toEqual([]);
    await saveNote(bob.user, { phaseNumber: 1, baseVersion: 0, text: "bob's own" });
    expect(await readNote(alice.user, 1)).toMatchObject({ state: "ok", version: 3 });
    const admin = await createActiveUser("admin");
    await expect(readNote(admin.user, 1)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(saveNote(admin.user, { phaseNumber: 1, baseVersion: 0, text: "x" })).rejects.toMatchObject({
      kind: "forbidden",
    });
  });

  it("will not open a ciphertext copied into another student's row", async () => {
    await saveNote(alice.user, { phaseNumber: 4, baseVersion: 0, text: "alice private phase four" });
    await saveNote(bob.user, { phaseNumber: 4, baseVersion: 0, text: "bob phase four" });
    const a = await t.db.note.findFirstOrThrow({ where: { userId: alice.id, phase: { number: 4 } } });
    const b = await t.db.note.findFirstOrThrow({ where: { userId: bob.id, phase: { number: 4 } } });
    await t.db.note.update({ where: { id: b.id }, data: { ciphertext: a.ciphertext, iv: a.iv, keyId: a.keyId } });
    const view = await readNote(bob.user, 4);
    expect(view).toMatchObject({ state: "unreadable", version: 1 });
    expect(JSON.stringify(view)).not.toContain("alice private");
    // Moving it to another phase row of the same student fails too (row id is bound).
    const a1 = await t.db.note.findFirstOrThrow({ where: { userId: alice.id, phase: { number: 2 } } });
    await t.db.note.update({ where: { id: a1.id }, data: { ciphertext: a.ciphertext, iv: a.iv, keyId: a.keyId } });
    expect(await readNote(alice.user, 2)).toMatchObject({ state: "unreadable" });
  });

  it("leaves no planted note text in the stored bytes (SQLite file and WAL, or every PostgreSQL row)", async () => {
    const planted = "PLANTED-journal-canary-7f3a9c";
    await saveNote(alice.user, { phaseNumber: 5, baseVersion: 0, text: `# secret\n\n${planted} with more words` });
    await saveNote(alice.user, { phaseNumber: 5, baseVersion: 1, text: `${planted} second version` });
    expect(await readNote(alice.user, 5)).toMatchObject({ text: `${planted} second version` });
    // The grep can see plain text: an unencrypted column written just now is found.
    await t.db.user.update({ where: { id: alice.id }, data: { name: "Alice PLAIN-name-canary" } });
    if (t.provider === "postgresql") {
      const dump = databaseBytes(t); // every row, as pg_dump (and so a backup) sees it
      expect(dump.includes(Buffer.from("PLAIN-name-canary"))).toBe(true);
      expect(dump.includes(Buffer.from(planted, "utf8"))).toBe(false);
      return;
    }
    const wal = `${t.file}-wal`;
    expect(existsSync(wal)).toBe(true); // the adapter runs SQLite in WAL mode: check both files
    const both = Buffer.concat([readFileSync(t.file), readFileSync(wal)]);
    expect(both.includes(Buffer.from("PLAIN-name-canary"))).toBe(true);
    for (const file of [t.file, wal]) {
      const raw = readFileSync(file);
      expect(raw.length).toBeGreaterThan(0);
      expect(raw.includes(Buffer.from(planted, "utf8")), file).toBe(false);
      expect(raw.includes(Buffer.from(planted, "utf16le")), file).toBe(false);
    }
  });
});
