// The vault's primitives without a database: AES-256-GCM round trip and
// authentication, AAD that separates every binding, KDF parameter validation.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aadFor, decrypt, deriveKek, encrypt, parseKdfParams } from "@/lib/vault/crypto";

const key = randomBytes(32);

describe("vault crypto", () => {
  it("round-trips any text and rejects any other key or AAD", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const aad = Buffer.from("aad");
        const { ciphertext, iv } = encrypt(key, Buffer.from(text), aad);
        expect(iv.length).toBe(12);
        expect(decrypt(key, ciphertext, iv, aad).toString()).toBe(text);
        expect(() => decrypt(randomBytes(32), ciphertext, iv, aad)).toThrow();
        expect(() => decrypt(key, ciphertext, iv, Buffer.from("aae"))).toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it("gives distinct bindings distinct AAD, even with separator characters in ids", () => {
    const part = fc.string({ maxLength: 6 });
    fc.assert(
      fc.property(part, part, part, part, (o1, r1, o2, r2) => {
        fc.pre(o1 !== o2 || r1 !== r2);
        const a = aadFor({ ownerId: o1, table: "Note", rowId: r1, keyId: "k", format: 1 });
        const b = aadFor({ ownerId: o2, table: "Note", rowId: r2, keyId: "k", format: 1 });
        expect(a.equals(b)).toBe(false);
      }),
    );
    expect(
      aadFor({ ownerId: "a|b", table: "Note", rowId: "c", keyId: "k", format: 1 }).equals(
        aadFor({ ownerId: "a", table: "Note", rowId: "b|c", keyId: "k", format: 1 }),
      ),
    ).toBe(false);
  });

  it("derives the same KEK for the same pass and salt only", async () => {
    const salt = randomBytes(16);
    const params = { N: 1024, r: 8, p: 1 };
    const k1 = await deriveKek("pass number one!", salt, params);
    expect((await deriveKek("pass number one!", salt, params)).equals(k1)).toBe(true);
    expect((await deriveKek("pass number two!", salt, params)).equals(k1)).toBe(false);
    expect((await deriveKek("pass number one!", randomBytes(16), params)).equals(k1)).toBe(false);
  });

  it("rejects malformed KDF parameters", () => {
    expect(parseKdfParams('{"N":32768,"r":8,"p":1}')).toEqual({ N: 32768, r: 8, p: 1 });
    expect(() => parseKdfParams('{"N":"big","r":8,"p":1}')).toThrow(/not valid scrypt/);
    expect(() => parseKdfParams('{"r":8,"p":1}')).toThrow(/not valid scrypt/);
  });
});
