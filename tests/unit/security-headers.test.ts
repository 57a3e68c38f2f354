import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { servedOverHttps } from "@/lib/config/base-url";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";

const base = {
  AUTH_SECRET: "unit-auth-secret-0123456789abcdef0123456789",
  PORTAL_MASTER_PASS: "unit master pass 0123456789",
  MINIPORTAL_DATA_DIR: "/tmp/miniportal-unit",
};

function withBaseUrl(url: string | undefined) {
  Object.assign(process.env, base);
  if (url) process.env.MINIPORTAL_BASE_URL = url;
  else delete process.env.MINIPORTAL_BASE_URL;
  resetEnvCache();
}

afterEach(() => withBaseUrl(undefined));

describe("security headers", () => {
  it("the CSP forbids plugins, base changes, framing and un-nonced inline script", () => {
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The offline review's worker and the manifest: own origin only.
    expect(csp).toContain("worker-src 'self';");
    expect(csp).toContain("manifest-src 'self';");
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
    expect(scriptSrc).toContain(`'nonce-${nonce}'`);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(nonce, { dev: true })).toContain("unsafe-eval"); // React dev tooling only
  });

  it("nonces are fresh and unguessable", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(seen.size).toBe(1000);
    expect([...seen][0]).toMatch(/^[A-Za-z0-9+/]{24}$/);
  });

  it("HSTS only when served over https; no-store only when asked", () => {
    const plain = securityHeaders({ csp: "x", https: false, noStore: false });
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(plain["cache-control"]).toBeUndefined();
    expect(plain["x-content-type-options"]).toBe("nosniff");
    expect(plain["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const secure = securityHeaders({ csp: "x", https: true, noStore: true });
    expect(secure["strict-transport-security"]).toMatch(/max-age=\d{8}/);
    expect(secure["cache-control"]).toContain("no-store");
  });

  it("https deployments get Secure, __Host- prefixed, HttpOnly, SameSite=Lax cookies", () => {
    withBaseUrl("https://portal.example.org");
    expect(servedOverHttps()).toBe(true);
    expect(sessionCookieName()).toBe("__Host-miniportal.session");
    expect(sessionCookieOptions(new Date())).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "lax",
      path: "/",
    });
    withBaseUrl("http://127.0.0.1:3000");
    expect(servedOverHttps()).toBe(false);
    expect(sessionCookieName()).toBe("miniportal.session");
    expect(sessionCookieOptions(new Date())).toMatchObject({ httpOnly: true, secure: false, sameSite: "lax" });
  });
});
