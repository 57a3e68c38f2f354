import { describe, expect, it } from "vitest";
import { KNOWN_ROUTES, UNMATCHED_ROUTE, createRouteMatcher, pathOf } from "@/lib/observability/route-templates";

const match = createRouteMatcher([
  ...KNOWN_ROUTES,
  "/test-support/server-error",
  "/_not-found",
  "/phase/[nn]/cards/[[...rest]]",
]);

describe("route templates", () => {
  it("maps concrete paths to their template", () => {
    expect(match("/phase/13/notes")).toBe("/phase/[nn]/notes");
    expect(match("/phase/01")).toBe("/phase/[nn]");
    expect(match("/phase/01/exam")).toBe("/phase/[nn]/exam");
    expect(match("/invite/AbC-123_xyz")).toBe("/invite/[token]");
    expect(match("/unsubscribe/YWJj.all.sig")).toBe("/unsubscribe/[token]");
    expect(match("/unsubscribe/YWJj.all.sig/one-click")).toBe("/unsubscribe/[token]/one-click");
    expect(match("/admin/students/clx123")).toBe("/admin/students/[id]");
    expect(match("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(match("/")).toBe("/");
    expect(match("/test-support/server-error")).toBe("/test-support/server-error");
  });

  it("prefers static segments over dynamic ones", () => {
    expect(match("/admin/students")).toBe("/admin/students");
    expect(match("/me/export")).toBe("/me/export");
  });

  it("handles optional catch-alls, trailing slashes and encoded segments", () => {
    expect(match("/phase/02/cards")).toBe("/phase/[nn]/cards/[[...rest]]");
    expect(match("/phase/02/cards/a/b")).toBe("/phase/[nn]/cards/[[...rest]]");
    expect(match("/me/")).toBe("/me");
    expect(match("/invite/%41bc")).toBe("/invite/[token]");
  });

  it("gives every unknown path one shared value and never a raw path", () => {
    for (const p of ["/nope", "/phase", "/phase/1/notes/extra", "/wp-login.php", "/%E0%A4%A", "/_not-found"]) {
      expect(match(p)).toBe(UNMATCHED_ROUTE);
    }
    expect(match("/api/auth")).toBe(UNMATCHED_ROUTE); // a catch-all needs one segment
  });

  it("takes the path from a request target", () => {
    expect(pathOf("/phase/01?_rsc=abc")).toBe("/phase/01");
    expect(pathOf("/a#frag")).toBe("/a");
    expect(pathOf("http://example.org/x/y?z")).toBe("/x/y");
    expect(pathOf(undefined)).toBe("/");
    expect(pathOf("*")).toBe("/");
  });
});
