// The vault against a real migrated SQLite database: first use initialises it,
// sealed text round-trips, a ciphertext only opens under its own binding, a wrong
// master pass is refused, and every decrypt is timed.
import { describe, expect, it } from "vitest";
import { forgetKeyring } from "@/lib/vault/keyring";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { VaultDecryptError, seal, unseal, type VaultBinding } from "@/lib/vault";
import { VaultPassError, assertVaultOpens } from "@/lib/vault/startup";
import { TEST_MASTER_PASS, useTestDb } from "../helpers/test-db";

const t = useTestDb();

const binding: VaultBinding = { ownerId: "user-a", table: "Note", rowId: "row-1" };

describe("vault", () => {
  it("initialises on first use with one active key and a check value", async () => {
    expect(await t.db.vaultConfig.count()).toBe(0);
    const sealed = await seal(binding, "first words");
    const config = await t.db.vaultConfig.findUniqueOrThrow({ where: { id: 1 } });
    expect(config.kdf).toBe("scrypt");
    expect(JSON.parse(config.params)).toMatchObject({ N: 32768, r: 8, p: 1 });
    const keys = await t.db.vaultKey.findMany();
    expect(keys.map((k) => [k.id, k.status])).toEqual([[sealed.keyId, "active"]]);
    expect(Buffer.from(keys[0]!.wrappedKey).length).toBe(48); // 32-byte key + GCM tag, never stored bare
  });

  it("round-trips unicode text, records key id and format, and uses a 96-bit IV", async () => {
    const text = "# Phase 1\n\nLatency p95 — 42 ms ✓ 日本語 🚀\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    const sealed = await seal(binding, text);
    expect(sealed.iv.length).toBe(12);
    expect(sealed.format).toBe(1);
    expect(sealed.ciphertext.includes(Buffer.from("Latency"))).toBe(false);
    expect(await unseal(binding, sealed)).toBe(text);
  });

  it("refuses to open a ciphertext under another owner, row or table", async () => {
    const sealed = await seal(binding, "private to A");
    for (const other of [
      { ...binding, ownerId: "user-b" },
      { ...binding, rowId: "row-2" },
      { ...binding, table: "ExamAttempt" as const },
    ]) {
      await expect(unseal(other, sealed)).rejects.toBeInstanceOf(VaultDecryptError);
    }
  });

  it("refuses a tampered ciphertext, IV, key id or format", async () => {
    const sealed = await seal(binding, "do not touch");
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0]! ^= 1;
    await expect(unseal(binding, { ...sealed, ciphertext: flipped })).rejects.toBeInstanceOf(VaultDecryptError);
    const iv = Buffer.from(sealed.iv);
    iv[3]! ^= 1;
    await expect(unseal(binding, { ...sealed, iv })).rejects.toBeInstanceOf(VaultDecryptError);
    await expect(unseal(binding, { ...sealed, keyId: "k_unknown" })).rejects.toBeInstanceOf(VaultDecryptError);
    await expect(unseal(binding, { ...sealed, format: 2 })).rejects.toBeInstanceOf(VaultDecryptError);
  });

  it("gives 10,000 encryptions 10,000 distinct IVs", async () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) ivs.add((await seal(binding, "same text every time")).iv.toString("hex"));
    expect(ivs.size).toBe(10_000);
  });

  it("times every decrypt into portal_vault_decrypt_seconds", async () => {
    const count = async () =>
      (await metrics().vaultDecrypt.get()).values.find((v) => v.metricName === "portal_vault_decrypt_seconds_count")
        ?.value ?? 0;
    const before = await count();
    const sealed = await seal(binding, "timed");
    await unseal(binding, sealed);
    await unseal({ ...binding, rowId: "wrong" }, sealed).catch(() => undefined);
    expect(await count()).toBe(before + 2);
  });

  it("stops with a clear message, naming no secret, when the master pass is wrong", async () => {
    forgetKeyring(); // as a fresh process: no cached keys
    process.env.PORTAL_MASTER_PASS = "a different master pass entirely";
    resetEnvCache();
    try {
      const failure = await assertVaultOpens().then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(VaultPassError);
      const message = (failure as Error).message;
      expect(message).toMatch(/PORTAL_MASTER_PASS does not open the vault/);
      expect(message).not.toContain("a different master pass entirely");
      expect(message).not.toContain(TEST_MASTER_PASS);
    } finally {
      process.env.PORTAL_MASTER_PASS = TEST_MASTER_PASS;
      resetEnvCache();
    }
    forgetKeyring();
    await expect(assertVaultOpens()).resolves.toMatchObject({ keys: 1 });
  });
});
