// Re-key changes only the wrapping of data keys; rotate re-encrypts every sealed
// row under a new key. Both through lib/vault/admin and through the real CLI scripts.
import { execFile } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { seal, unseal } from "@/lib/vault";
import { rekeyVault, rotateVault } from "@/lib/vault/admin";
import { forgetKeyring } from "@/lib/vault/keyring";
import { VaultPassError, assertVaultOpens } from "@/lib/vault/startup";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_MASTER_PASS, useTestDb } from "../helpers/test-db";

const run = promisify(execFile);
const NEW_PASS = "the new master pass for rekey tests";

const t = useTestDb();
let students: Awaited<ReturnType<typeof createActiveUser>>[];

async function snapshot(db: Db) {
  const notes = await db.note.findMany({ orderBy: { id: "asc" } });
  const attempts = await db.examAttempt.findMany({ orderBy: { id: "asc" } });
  return [...notes, ...attempts].map((r) => ({
    id: r.id,
    keyId: r.keyId,
    ct: Buffer.from(r.ciphertext!).toString("hex"),
    iv: Buffer.from(r.iv!).toString("hex"),
  }));
}

/** Reads every note and attempt back through a fresh client (no cached keys) with the given pass. */
async function readAll(pass: string): Promise<string[]> {
  process.env.PORTAL_MASTER_PASS = pass;
  resetEnvCache();
  // A second client on the test database: what a restarted portal would open.
  const fresh = createDb(t.url);
  const g = globalThis as unknown as { miniportalDb?: Db };
  const previous = g.miniportalDb;
  g.miniportalDb = fresh;
  try {
    const out: string[] = [];
    for (const s of students) for (const n of [1, 2]) out.push(JSON.stringify(await readNote(s.user, n)));
    for (const a of await fresh.examAttempt.findMany({ orderBy: { id: "asc" } })) {
      out.push(
        await unseal(
          { ownerId: a.userId, table: "ExamAttempt", rowId: a.id },
          { ciphertext: Buffer.from(a.ciphertext!), iv: Buffer.from(a.iv!), keyId: a.keyId!, format: a.format },
        ),
      );
    }
    return out;
  } finally {
    g.miniportalDb = previous;
    await fresh.$disconnect();
  }
}

beforeAll(async () => {
  await syncCourse();
  students = [await createActiveUser(), await createActiveUser(), await createActiveUser()];
  const phase = await t.db.phase.findFirstOrThrow({ where: { number: 1 } });
  for (const [i, s] of students.entries()) {
    await saveNote(s.user, { phaseNumber: 1, baseVersion: 0, text: `student ${i} phase 1 note` });
    await saveNote(s.user, { phaseNumber: 2, baseVersion: 0, text: `student ${i} phase 2 note ✓` });
    const id = crypto.randomUUID();
    const sealed = await seal(
      { ownerId: s.id, table: "ExamAttempt", rowId: id },
      JSON.stringify({ answers: { q1: ["a"] }, who: i }),
    );
    await t.db.examAttempt.create({
      data: {
        id,
        userId: s.id,
        phaseId: phase.id,
        score: 1,
        correctCount: 1,
        total: 1,
        passed: true,
        startedAt: new Date(),
        ciphertext: new Uint8Array(sealed.ciphertext),
        iv: new Uint8Array(sealed.iv),
        keyId: sealed.keyId,
        format: sealed.format,
      },
    });
  }
});
afterAll(async () => {
  process.env.PORTAL_MASTER_PASS = TEST_MASTER_PASS;
  resetEnvCache();
});

describe("vault re-key and rotation", () => {
  it("re-key re-wraps the data keys, keeps every ciphertext byte, and the old pass stops working", async () => {
    const expected = await readAll(TEST_MASTER_PASS);
    expect(expected).toHaveLength(9);
    const rowsBefore = await snapshot(t.db);
    const keysBefore = await t.db.vaultKey.findMany({ orderBy: { id: "asc" } });
    const configBefore = await t.db.vaultConfig.findUniqueOrThrow({ where: { id: 1 } });

    expect(await rekeyVault(TEST_MASTER_PASS, NEW_PASS)).toEqual({ keys: 1 });

    expect(await snapshot(t.db)).toEqual(rowsBefore);
    const keysAfter = await t.db.vaultKey.findMany({ orderBy: { id: "asc" } });
    expect(keysAfter.map((k) => k.id)).toEqual(keysBefore.map((k) => k.id));
    expect(Buffer.from(keysAfter[0]!.wrappedKey).equals(Buffer.from(keysBefore[0]!.wrappedKey))).toBe(false);
    const configAfter = await t.db.vaultConfig.findUniqueOrThrow({ where: { id: 1 } });
    expect(Buffer.from(configAfter.salt).equals(Buffer.from(configBefore.salt))).toBe(false);

    expect(await readAll(NEW_PASS)).toEqual(expected);
    forgetKeyring(); // as a process started with the old pass
    process.env.PORTAL_MASTER_PASS = TEST_MASTER_PASS;
    resetEnvCache();
    await expect(assertVaultOpens()).rejects.toBeInstanceOf(VaultPassError);
    await expect(rekeyVault(TEST_MASTER_PASS, "whatever else 1234567")).rejects.toBeInstanceOf(VaultPassError);
  });

  it("rotate re-encrypts every note and exam attempt under a new active key, keeping versions and saved-at times", async () => {
    const expected = await readAll(NEW_PASS);
    const before = await snapshot(t.db);
    const notesBefore = await t.db.note.findMany({
      orderBy: { id: "asc" },
      select: { id: true, version: true, updatedAt: true },
    });
    const progress: string[] = [];
    const result = await rotateVault(NEW_PASS, (p) => progress.push(`${p.table} ${p.done}/${p.total}`), {
      settleMs: 0,
    });

    expect(result).toMatchObject({ reencrypted: 9, unreadable: [], retiredKeys: 1 });
    expect(progress).toContain("Note 6/6");
    expect(progress).toContain("ExamAttempt 3/3");
    const after = await snapshot(t.db);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      expect(row.keyId).toBe(result.newKeyId);
      expect(row.ct).not.toBe(before[i]!.ct);
      expect(row.iv).not.toBe(before[i]!.iv);
    }
    const statuses = await t.db.vaultKey.findMany({ select: { id: true, status: true } });
    expect(statuses.filter((k) => k.status === "active").map((k) => k.id)).toEqual([result.newKeyId]);
    expect(statuses).toHaveLength(2);
    expect(
      await t.db.note.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, updatedAt: true } }),
    ).toEqual(notesBefore);
    expect(await readAll(NEW_PASS)).toEqual(expected);
  });
});

describe("rotation while the portal writes", () => {
  it("ends with no row on a retired key although a server keeps sealing with the key it cached", async () => {
    // A running server's client: its keyring was loaded before the rotation and it
    // trusts that active key for up to 30 s (lib/vault/keyring.ts).
    process.env.PORTAL_MASTER_PASS = NEW_PASS;
    resetEnvCache();
    const server = createDb(t.url);
    const g = globalThis as unknown as { miniportalDb?: Db };
    const previous = g.miniportalDb;
    g.miniportalDb = server;
    try {
      const note = await server.note.findFirstOrThrow({ orderBy: { id: "asc" } });
      const binding = { ownerId: note.userId, table: "Note" as const, rowId: note.id };
      const oldKey = (await seal(binding, "warm-up")).keyId;
      let staleWrite: Promise<unknown> | null = null;
      // Right after the rotation's first pass, the server saves a note with its cached key.
      // The final pass runs 5 s after the switch: first pass and write fit in that on a loaded
      // machine (at 1.5 s they once did not, and the final pass ran before the write landed).
      const result = await rotateVault(
        NEW_PASS,
        (p) => {
          if (p.table === "ExamAttempt" && p.done === p.total && !staleWrite) {
            staleWrite = (async () => {
              const sealed = await seal(binding, "written by a server that has not seen the new key");
              await server.note.update({
                where: { id: note.id },
                data: {
                  ciphertext: new Uint8Array(sealed.ciphertext),
                  iv: new Uint8Array(sealed.iv),
                  keyId: sealed.keyId,
                  format: sealed.format,
                },
              });
              return sealed.keyId;
            })();
          }
        },
        { settleMs: 5000 },
      );
      expect(await staleWrite).toBe(oldKey); // it really sealed with the retired key
      expect(result.newKeyId).not.toBe(oldKey);
      const left = await t.db.note.count({ where: { keyId: { not: result.newKeyId } } });
      const leftAttempts = await t.db.examAttempt.count({
        where: { keyId: { not: result.newKeyId }, ciphertext: { not: null } },
      });
      expect(left + leftAttempts, "rows still on a retired key").toBe(0);
      const row = await t.db.note.findUniqueOrThrow({ where: { id: note.id } });
      const text = await unseal(binding, {
        ciphertext: Buffer.from(row.ciphertext!),
        iv: Buffer.from(row.iv!),
        keyId: row.keyId!,
        format: row.format,
      });
      expect(text).toBe("written by a server that has not seen the new key");
    } finally {
      g.miniportalDb = previous;
      await server.$disconnect();
    }
  });
});

describe("vault CLI scripts", () => {
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

  it("vault:rekey updates the generated secrets file and prints no key material; vault:rotate shows progress", async () => {
    // The pass comes from data/secrets.json, as on a machine that generated its own.
    const secretsFile = path.join(t.dir, "secrets.json");
    writeFileSync(
      secretsFile,
      JSON.stringify({ AUTH_SECRET: "kept-auth-secret-0123456789abcdef0123", PORTAL_MASTER_PASS: NEW_PASS }),
      { mode: 0o600 },
    );
    const third = "a third master pass, typed by the operator";
    const env = {
      ...process.env,
      PORTAL_MASTER_PASS: "",
      AUTH_SECRET: "",
      PORTAL_NEW_MASTER_PASS: third,
      MINIPORTAL_DATA_DIR: t.dir,
      DATABASE_URL: t.url,
    };
    const rekey = await run(process.execPath, [tsx, "scripts/vault-rekey.ts"], { env });
    const output = rekey.stdout + rekey.stderr;
    expect(output).toMatch(/re-wrapped under the new master pass; no ciphertext changed/);
    expect(output).toContain(`Updated PORTAL_MASTER_PASS in ${secretsFile}`);
    const secrets = JSON.parse(readFileSync(secretsFile, "utf8")) as Record<string, string>;
    expect(secrets).toEqual({ AUTH_SECRET: "kept-auth-secret-0123456789abcdef0123", PORTAL_MASTER_PASS: third });
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    // No other process has the database open, so no server can be sealing with the old key: no wait.
    await t.db.$disconnect();
    const rotate = await run(process.execPath, [tsx, "scripts/vault-rotate.ts"], {
      env: { ...env, PORTAL_NEW_MASTER_PASS: "" },
    });
    const rotateOutput = rotate.stdout + rotate.stderr;
    expect(rotateOutput).not.toMatch(/Waiting/);
    expect(rotateOutput).toMatch(/Note\s+\[[^\]]*\] 6\/6 rows/);
    expect(rotateOutput).toMatch(/9 row\(s\) re-encrypted/);

    for (const text of [output, rotateOutput]) {
      for (const secret of [NEW_PASS, third, TEST_MASTER_PASS]) expect(text).not.toContain(secret);
    }
    expect(await readAll(third)).toHaveLength(9);

    // A wrong pass: clear message, non-zero exit, nothing secret echoed.
    const wrong = await run(process.execPath, [tsx, "scripts/vault-rotate.ts"], {
      env: { ...env, PORTAL_MASTER_PASS: "definitely not the pass 42" },
    }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(wrong?.code).toBe(1);
    expect(wrong?.stderr).toContain("PORTAL_MASTER_PASS does not open the vault");
    expect(`${wrong?.stdout}${wrong?.stderr}`).not.toContain("definitely not the pass 42");
  }, 150_000); // three CLI runs, each deriving Argon2id keys
});
