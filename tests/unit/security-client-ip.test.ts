import { describe, expect, it } from "vitest";
import { normaliseAddress, resolveClientIp } from "@/lib/security/client-ip";

describe("client address for rate limits", () => {
  it("with no trusted proxy, a client-sent X-Forwarded-For never changes the key", () => {
    for (const spoof of [null, "1.2.3.4", "1.2.3.4, 5.6.7.8", "garbage", "::1", " , ,"]) {
      expect(resolveClientIp({ peer: "::ffff:10.0.0.9", forwardedFor: spoof, trustedHops: 0 })).toBe("10.0.0.9");
    }
  });

  it("counts trusted hops from the right", () => {
    // client → proxy A (appends client) → proxy B (appends A) → us (peer B)
    const forwardedFor = "6.6.6.6, 198.51.100.20, 10.0.0.2";
    expect(resolveClientIp({ peer: "10.0.0.3", forwardedFor, trustedHops: 1 })).toBe("10.0.0.2");
    expect(resolveClientIp({ peer: "10.0.0.3", forwardedFor, trustedHops: 2 })).toBe("198.51.100.20");
    // The left-most entry is whatever the client claimed: only reached when hops say so.
    expect(resolveClientIp({ peer: "10.0.0.3", forwardedFor, trustedHops: 3 })).toBe("6.6.6.6");
    expect(resolveClientIp({ peer: "10.0.0.3", forwardedFor: "198.51.100.20", trustedHops: 5 })).toBe("198.51.100.20");
  });

  it("falls back to the peer when the forwarded entry is not an address", () => {
    expect(resolveClientIp({ peer: "10.0.0.3", forwardedFor: "<script>, ../../etc", trustedHops: 1 })).toBe("10.0.0.3");
    expect(resolveClientIp({ peer: null, forwardedFor: null, trustedHops: 0 })).toBe("unknown");
  });

  it("normalises IPv4-mapped IPv6 and brackets", () => {
    expect(normaliseAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("[::1]")).toBe("::1");
    expect(normaliseAddress(" 2001:DB8::1 ")).toBe("2001:db8::1");
  });
});
