// The device cookie vouches for one account on one browser: only a token this
// portal minted for that account (any spelling of its address) earns trust.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mintDeviceToken, trustedDeviceId } from "@/lib/auth/device-cookie";
import { resetEnvCache } from "@/lib/env";

beforeAll(() => {
  process.env.AUTH_SECRET = "d".repeat(40);
  process.env.PORTAL_MASTER_PASS = "m".repeat(20);
  process.env.MINIPORTAL_DATA_DIR = mkdtempSync(path.join(tmpdir(), "device-cookie-"));
  resetEnvCache();
});

describe("device cookie", () => {
  it("trusts a token minted for the same account, however the address is spelled", () => {
    const token = mintDeviceToken("ana@example.org");
    const id = trustedDeviceId(token, "ana@example.org");
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(trustedDeviceId(token, "  ANA@Example.ORG ")).toBe(id);
    expect(mintDeviceToken("ana@example.org")).not.toBe(token); // a fresh id per browser
  });

  it("refuses a token of another account, a forged, truncated or tampered one", () => {
    const token = mintDeviceToken("ana@example.org");
    const [nonce, mac] = token.split(".") as [string, string];
    expect(trustedDeviceId(token, "bea@example.org")).toBeNull();
    expect(trustedDeviceId(`${nonce}.${"A".repeat(43)}`, "ana@example.org")).toBeNull();
    expect(trustedDeviceId(`${nonce}.${mac.slice(0, -1)}`, "ana@example.org")).toBeNull();
    expect(trustedDeviceId(`${nonce}.${mac}=`, "ana@example.org")).toBeNull();
    expect(trustedDeviceId(`${"B".repeat(22)}.${mac}`, "ana@example.org")).toBeNull();
    expect(trustedDeviceId("", "ana@example.org")).toBeNull();
    expect(trustedDeviceId(token, null)).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    const token = mintDeviceToken("ana@example.org");
    process.env.AUTH_SECRET = "e".repeat(40);
    resetEnvCache();
    expect(trustedDeviceId(token, "ana@example.org")).toBeNull();
  });
});
