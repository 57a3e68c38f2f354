import { describe, expect, it } from "vitest";
import { redactText, scrubEvent } from "@/lib/observability/sentry-scrub";
import { envelopeUrl, rewriteEnvelope } from "@/lib/observability/sentry-tunnel";
import { createRouteMatcher } from "@/lib/observability/route-templates";

const SECRETS = ["master-pass-PLANTED-1234", "auth-secret-PLANTED-5678"];

describe("redactText", () => {
  it("removes configured secrets, emails, bearer tokens and long opaque strings, keeping ids", () => {
    const text = `for ada@example.org: Bearer abc.def-ghi / master-pass-PLANTED-1234 / eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.abcdefghij / 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e / 0123456789abcdef0123456789abcdef`;
    expect(redactText(text, SECRETS)).toBe(
      "for [email]: Bearer [redacted] / [redacted] / [redacted] / 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e / 0123456789abcdef0123456789abcdef",
    );
  });
});

describe("scrubEvent", () => {
  it("keeps only allow-listed fields, the user id and the request method, and drops local variables", () => {
    const event = {
      event_id: "0123456789abcdef0123456789abcdef",
      release: "miniportal@0.1.0",
      environment: "production",
      exception: {
        values: [
          {
            type: "Error",
            value: "boom auth-secret-PLANTED-5678",
            stacktrace: { frames: [{ filename: "a.js", vars: { password: "hunter2hunter2" } }] },
          },
        ],
      },
      request: {
        method: "POST",
        url: "/invite/tok?x=1",
        headers: { cookie: "s=1" },
        data: "password=x",
        cookies: { s: "1" },
      },
      user: { id: "u1", email: "ada@example.org", ip_address: "10.0.0.1" },
      breadcrumbs: [{ message: "clicked" }],
      extra: { body: "note text" },
      contexts: { os: { name: "Linux" } },
      server_name: "host-1",
      tags: { route: "/x" },
    };
    const out = scrubEvent(event, SECRETS, { request_id: "r1" });
    expect(out).toEqual({
      event_id: "0123456789abcdef0123456789abcdef",
      release: "miniportal@0.1.0",
      environment: "production",
      exception: {
        values: [{ type: "Error", value: "boom [redacted]", stacktrace: { frames: [{ filename: "a.js" }] } }],
      },
      request: { method: "POST" },
      user: { id: "u1" },
      tags: { route: "/x", request_id: "r1" },
    });
  });
});

describe("the browser tunnel", () => {
  const dsn = "https://pub@sentry.example.org/12";
  const matcher = createRouteMatcher(["/invite/[token]"]);
  const envelope = (d: string, items: string[]) => [JSON.stringify({ dsn: d, event_id: "e1" }), ...items].join("\n");

  it("builds the ingestion URL from the DSN", () => {
    expect(envelopeUrl(dsn)).toBe("https://sentry.example.org/api/12/envelope/?sentry_key=pub&sentry_version=7");
    expect(envelopeUrl("http://k@127.0.0.1:9000/prefix/3")).toBe(
      "http://127.0.0.1:9000/prefix/api/3/envelope/?sentry_key=k&sentry_version=7",
    );
  });

  it("forwards only event items for its own DSN, scrubbed, with the route template and the server's user id", () => {
    const event = JSON.stringify({
      exception: { values: [{ type: "Error", value: "x" }] },
      request: { url: "/invite/SECRETTOKEN" },
      user: { id: "forged", email: "a@b.org" },
    });
    const out = rewriteEnvelope(
      envelope(dsn, [JSON.stringify({ type: "session" }), "{}", JSON.stringify({ type: "event" }), event]),
      { dsn, secrets: [], matcher, userId: "real-user", requestId: null },
    );
    const lines = out!.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toEqual({
      exception: { values: [{ type: "Error", value: "x" }] },
      tags: { route: "/invite/[token]", route_type: "browser" },
      user: { id: "real-user" },
    });
    expect(out).not.toContain("SECRETTOKEN");
    expect(
      rewriteEnvelope(envelope("https://other@evil.example/1", [JSON.stringify({ type: "event" }), event]), {
        dsn,
        secrets: [],
        matcher,
        userId: null,
        requestId: null,
      }),
    ).toBeNull();
    expect(rewriteEnvelope("not json", { dsn, secrets: [], matcher, userId: null, requestId: null })).toBeNull();
  });
});
