import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { checkSameOrigin } from "@/lib/security/csrf";

const env = {
  AUTH_SECRET: "unit-auth-secret-0123456789abcdef0123456789",
  PORTAL_MASTER_PASS: "unit master pass 0123456789",
  MINIPORTAL_DATA_DIR: "/tmp/miniportal-unit",
};
const h = (values: Record<string, string>) => new Headers(values);

beforeEach(() => {
  Object.assign(process.env, env, { MINIPORTAL_BASE_URL: "https://portal.example.org" });
  resetEnvCache();
});
afterEach(() => {
  delete process.env.MINIPORTAL_BASE_URL;
  delete process.env.MINIPORTAL_TRUSTED_PROXIES;
  resetEnvCache();
});

describe("CSRF origin check", () => {
  it("lets same-origin and non-browser requests through", () => {
    expect(checkSameOrigin("POST", h({ host: "portal.example.org", origin: "https://portal.example.org" }))).toEqual({
      ok: true,
    });
    expect(checkSameOrigin("POST", h({ host: "127.0.0.1:3000", origin: "https://127.0.0.1:3000" }))).toEqual({
      ok: true,
    });
    expect(
      checkSameOrigin("POST", h({ host: "PORTAL.example.org", origin: "https://portal.example.org:443" })),
    ).toEqual({ ok: true });
    expect(checkSameOrigin("POST", h({ host: "internal:3000", origin: "https://portal.example.org" }))).toEqual({
      ok: true,
    });
    expect(checkSameOrigin("POST", h({ host: "portal.example.org", "sec-fetch-site": "same-origin" }))).toEqual({
      ok: true,
    });
    expect(checkSameOrigin("POST", h({ host: "portal.example.org" }))).toEqual({ ok: true }); // curl: no ambient browser credentials
  });

  it("never checks safe methods", () => {
    expect(checkSameOrigin("GET", h({ host: "a", origin: "https://evil.example" }))).toEqual({ ok: true });
    expect(checkSameOrigin("HEAD", h({ origin: "null" }))).toEqual({ ok: true });
  });

  it("refuses foreign, null and malformed origins and cross-site fetches without Origin", () => {
    const host = { host: "portal.example.org" };
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(checkSameOrigin(method, h({ ...host, origin: "https://evil.example" }))).toEqual({
        ok: false,
        reason: "origin_foreign",
      });
    }
    expect(checkSameOrigin("POST", h({ ...host, origin: "null" }))).toEqual({ ok: false, reason: "origin_null" });
    expect(checkSameOrigin("POST", h({ ...host, origin: "not a url" }))).toEqual({
      ok: false,
      reason: "origin_malformed",
    });
    expect(checkSameOrigin("POST", h({ ...host, origin: "chrome-extension://portal.example.org" }))).toEqual({
      ok: false,
      reason: "origin_malformed",
    });
    expect(checkSameOrigin("POST", h({ ...host, "sec-fetch-site": "cross-site" }))).toEqual({
      ok: false,
      reason: "cross_site_fetch",
    });
    // Look-alike hosts and ports are foreign.
    expect(checkSameOrigin("POST", h({ ...host, origin: "https://portal.example.org.evil.example" })).ok).toBe(false);
    expect(checkSameOrigin("POST", h({ ...host, origin: "https://portal.example.org:8443" })).ok).toBe(false);
  });

  it("compares scheme, host and port: an http page cannot post to the https portal", () => {
    expect(checkSameOrigin("POST", h({ host: "portal.example.org", origin: "http://portal.example.org" }))).toEqual({
      ok: false,
      reason: "origin_foreign",
    });
    expect(checkSameOrigin("POST", h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toEqual({
      ok: false,
      reason: "origin_foreign",
    });
    expect(checkSameOrigin("POST", h({ host: "portal.example.org", origin: "https://portal.example.org:80" })).ok).toBe(
      false,
    );
    // Behind a trusted TLS proxy the forwarded scheme counts, and only there.
    const viaProxy = h({ host: "internal:3000", "x-forwarded-proto": "http", origin: "http://internal:3000" });
    expect(checkSameOrigin("POST", viaProxy).ok).toBe(false);
    process.env.MINIPORTAL_TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(checkSameOrigin("POST", viaProxy).ok).toBe(true);
  });

  it("with no base URL configured, the default http://localhost:<PORT> and the Host over http", () => {
    delete process.env.MINIPORTAL_BASE_URL;
    process.env.PORT = "3999";
    resetEnvCache();
    expect(checkSameOrigin("POST", h({ host: "elsewhere:1", origin: "http://localhost:3999" })).ok).toBe(true);
    expect(checkSameOrigin("POST", h({ host: "127.0.0.1:3999", origin: "http://127.0.0.1:3999" })).ok).toBe(true);
    expect(checkSameOrigin("POST", h({ host: "127.0.0.1:3999", origin: "https://127.0.0.1:3999" })).ok).toBe(false);
    delete process.env.PORT;
  });

  it("believes X-Forwarded-Host only behind trusted proxies", () => {
    const headers = h({ host: "internal:3000", "x-forwarded-host": "evil.example", origin: "https://evil.example" });
    expect(checkSameOrigin("POST", headers).ok).toBe(false);
    process.env.MINIPORTAL_TRUSTED_PROXIES = "1";
    resetEnvCache();
    expect(checkSameOrigin("POST", headers).ok).toBe(true);
  });
});
