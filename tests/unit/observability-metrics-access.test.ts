import { describe, expect, it } from "vitest";
import { isPrivateAddress, isPublicBaseUrl, metricsAccess } from "@/lib/observability/metrics-access";
import { deploymentWarnings } from "@/lib/config/deployment-warnings";
import type { Env } from "@/lib/env";

describe("/metrics without a token: who is a private scraper", () => {
  it("admits loopback and private networks, IPv4, IPv6 and IPv4-mapped", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.5",
      "172.16.0.1",
      "172.31.255.254",
      "192.168.1.20",
      "169.254.10.1",
      "::1",
      "[::1]",
      "fd12:3456::1",
      "fc00::9",
      "fe80::1%eth0",
      "::ffff:10.1.2.3",
      "::FFFF:127.0.0.1",
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it("refuses public addresses, the edges of the private ranges and what is not an address", () => {
    for (const address of [
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "192.169.0.1",
      "11.0.0.1",
      "128.0.0.1",
      "100.64.0.1",
      "2001:db8::1",
      "2606:4700::1111",
      "fec0::1",
      "::ffff:8.8.8.8",
      "::",
      "unknown",
      "",
      "10.0.0.1.evil.example",
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe("/metrics access decision", () => {
  const noStamp = new Headers({ "x-miniportal-peer": "127.0.0.1", "x-forwarded-for": "127.0.0.1" });

  it("refuses a request whose peer address the server did not stamp itself (a client-sent header is not proof)", () => {
    const access = metricsAccess(noStamp, { trustedHops: 0 });
    expect(access).toMatchObject({ allowed: false, status: 403 });
    if (!access.allowed) expect(access.message).toMatch(/MINIPORTAL_METRICS_TOKEN/);
  });

  it("with a token, asks for the token whatever the address", () => {
    const token = "a-metrics-token-0123456789";
    expect(metricsAccess(noStamp, { token, trustedHops: 0 })).toMatchObject({ allowed: false, status: 401 });
    const withToken = new Headers({ authorization: `Bearer ${token}` });
    expect(metricsAccess(withToken, { token, trustedHops: 0 })).toEqual({ allowed: true });
  });
});

describe("the startup warning for a public portal without a metrics token", () => {
  const config = (over: Partial<Env>) =>
    ({
      databaseUrl: "file:/tmp/x.db",
      METRICS_ENABLED: true,
      MINIPORTAL_METRICS_TOKEN: undefined,
      baseUrl: "https://portal.example.org",
      ...over,
    }) as Env;
  const warned = (over: Partial<Env>) => deploymentWarnings(config(over)).some((w) => /METRICS_TOKEN/.test(w));

  it("warns for a public host name or address", () => {
    expect(warned({ baseUrl: "https://portal.school.org" })).toBe(true);
    expect(warned({ baseUrl: "http://203.0.113.10:3000" })).toBe(true);
    expect(warned({ baseUrl: "https://[2001:db8::5]" })).toBe(true);
  });

  it("stays quiet on local names and addresses, with a token, or with metrics off", () => {
    expect(warned({ baseUrl: "http://localhost:3000" })).toBe(false);
    expect(warned({ baseUrl: "http://192.168.1.5:3000" })).toBe(false);
    expect(warned({ baseUrl: "http://app:3000" })).toBe(false);
    expect(warned({ baseUrl: "http://portal.lan" })).toBe(false);
    expect(warned({ MINIPORTAL_METRICS_TOKEN: "a-metrics-token-0123456789" })).toBe(false);
    expect(warned({ METRICS_ENABLED: false })).toBe(false);
  });

  it("names public and local base URLs", () => {
    expect(isPublicBaseUrl("https://learn.example.org")).toBe(true);
    expect(isPublicBaseUrl("http://127.0.0.1:3210")).toBe(false);
    expect(isPublicBaseUrl("http://portal.home.arpa")).toBe(false);
  });
});
