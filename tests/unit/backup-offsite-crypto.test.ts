import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, decryptFile, encryptFile, readHeader, sha256File } from "@/lib/backup/offsite/crypto";

const key = randomBytes(32);
const dir = mkdtempSync(path.join(tmpdir(), "mp-crypto-"));

async function roundTrip(content: Buffer) {
  const plain = path.join(dir, `p-${content.length}`);
  writeFileSync(plain, content);
  const meta = {
    engine: "sqlite" as const,
    createdAt: "2026-01-01T00:00:00.000Z",
    appVersion: "0.1.0",
    gitCommit: null,
    lastMigration: "m1",
    counts: { User: 1 },
    sha256: await sha256File(plain),
    bytes: content.length,
  };
  encryptFile(plain, `${plain}.enc`, key, meta);
  return { plain, enc: `${plain}.enc`, out: `${plain}.out` };
}

describe("backup encryption", () => {
  it("round-trips empty, small and multi-chunk files; the ciphertext hides the content", async () => {
    for (const content of [
      Buffer.alloc(0),
      Buffer.from("CREATE TABLE ada@example.org"),
      randomBytes(CHUNK_SIZE * 2 + 123),
    ]) {
      const { enc, out } = await roundTrip(content);
      expect((await decryptFile(enc, out, key)).bytes).toBe(content.length);
      expect(readFileSync(out).equals(content)).toBe(true);
      if (content.length) expect(readFileSync(enc).includes(content.subarray(0, 20))).toBe(false);
    }
  });

  it("refuses truncation at a chunk boundary, an edited header and a wrong key", async () => {
    const { enc, out } = await roundTrip(randomBytes(CHUNK_SIZE * 2));
    const { headerBytes } = readHeader(enc);
    const edited = readFileSync(enc).toString("latin1").replace('"User":1', '"User":2');
    writeFileSync(`${enc}.edited`, Buffer.from(edited, "latin1"));
    await expect(decryptFile(`${enc}.edited`, out, key)).rejects.toThrow(/failed authentication at chunk 1/);
    await expect(decryptFile(enc, out, randomBytes(32))).rejects.toThrow(/encrypted with another key/);
    // Dropping the final chunk leaves whole chunks, but the new last one was not sealed as last.
    truncateSync(enc, headerBytes + (CHUNK_SIZE + 16));
    expect(statSync(enc).size).toBe(headerBytes + CHUNK_SIZE + 16);
    await expect(decryptFile(enc, out, key)).rejects.toThrow(/failed authentication at chunk 1 of 1/);
  });
});
