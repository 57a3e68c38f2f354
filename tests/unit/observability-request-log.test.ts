import { describe, expect, it } from "vitest";
import {
  completionLevel,
  isStaticAsset,
  methodLabel,
  requestCompleted,
  statusLabel,
} from "@/lib/observability/request-log";
import { acceptOrMintRequestId } from "@/lib/observability/request-id";

describe("request.completed policy", () => {
  it("logs security events at warn", () => {
    expect(completionLevel("/me", 401)).toBe("warn");
    expect(completionLevel("/me", 403)).toBe("warn");
    expect(completionLevel("/review", 429)).toBe("warn");
    expect(completionLevel("/login", 400)).toBe("warn");
    expect(completionLevel("/invite/[token]", 404)).toBe("warn");
    expect(completionLevel("/api/auth/[...nextauth]", 405)).toBe("warn");
  });

  it("logs errors at error, plumbing at debug, the rest at info", () => {
    expect(completionLevel("/me", 500)).toBe("error");
    expect(completionLevel("/health", 200)).toBe("debug");
    expect(completionLevel("/metrics", 200)).toBe("debug");
    expect(completionLevel("/metrics", 401)).toBe("warn");
    expect(completionLevel("/me", 200)).toBe("info");
    expect(completionLevel("/phase/[nn]", 404)).toBe("info");
    expect(completionLevel("/me", 499)).toBe("info");
  });

  it("bounds method and status labels", () => {
    expect(methodLabel("get")).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("OTHER");
    expect(methodLabel(undefined)).toBe("OTHER");
    expect(statusLabel(200, true)).toBe("200");
    expect(statusLabel(200, false)).toBe("499");
    expect(statusLabel(0, true)).toBe("500");
  });

  it("does not count static build assets", () => {
    expect(isStaticAsset("/_next/static/chunks/app.js")).toBe(true);
    expect(isStaticAsset("/favicon.ico")).toBe(true);
    expect(isStaticAsset("/me")).toBe(false);
  });

  it("builds the canonical line", () => {
    expect(
      requestCompleted({
        request_id: "r-12345678",
        student_id: null,
        route: "/me",
        method: "GET",
        status: 307,
        latencyMs: 12.345,
      }),
    ).toEqual({
      event: "request.completed",
      request_id: "r-12345678",
      student_id: null,
      route: "/me",
      method: "GET",
      status: 307,
      latency_ms: 12.3,
    });
  });
});

describe("request ids", () => {
  it("keeps a well-formed id and replaces anything else", () => {
    expect(acceptOrMintRequestId("abc-123_DEF.456")).toBe("abc-123_DEF.456");
    for (const bad of [
      null,
      "",
      "short",
      "has space in it",
      "x".repeat(129),
      "evil\nline-injection",
      "<script>alert(1)</script>",
    ]) {
      const id = acceptOrMintRequestId(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
