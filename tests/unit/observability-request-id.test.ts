// A client's X-Request-Id is echoed, logged and stored in audit rows: only a
// bounded token (8–64 of [A-Za-z0-9._:-]) is kept, anything else is replaced by a
// fresh id (or, read back from headers, by no id at all).
import { describe, expect, it } from "vitest";
import { acceptOrMintRequestId, isAcceptableRequestId, requestIdFromHeader } from "@/lib/observability/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const GOOD = [
  "client-id-0001",
  "abc-123_DEF.456",
  "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".slice(0, 64), // a W3C traceparent
  "svc:checkout.v2:req-77",
  "12345678", // the shortest kept
  "x".repeat(64), // the longest kept
  "0f8fad5b-d9cb-469f-a165-70867728950e",
];

const BAD = [
  null,
  undefined,
  "",
  "short", // too short to correlate anything
  "x".repeat(65), // one over the bound
  "x".repeat(10_000),
  "has space in it",
  "evil\nline-injection-attempt",
  "evil\r\nSet-Cookie: sid=1",
  "tab\tseparated-id",
  "nul\u0000byte-request-id",
  "<script>alert(1)</script>",
  "client-id-0001, client-id-0002", // a repeated header, joined by Node
  "id-with/slash-0001",
  "id%0Aencoded-newline",
  "\u0441lient-id-0001", // Cyrillic "с" passing for a Latin c
  "client\u200Bid-0001", // zero-width space
  "ｃｌｉｅｎｔ-ｉｄ-0001", // fullwidth letters
];

describe("request ids", () => {
  it("keeps a well-formed id exactly as the client sent it", () => {
    for (const id of GOOD) {
      expect(isAcceptableRequestId(id), id).toBe(true);
      expect(acceptOrMintRequestId(id)).toBe(id);
      expect(requestIdFromHeader(id)).toBe(id);
    }
  });

  it("replaces anything else with a fresh UUID, different every time", () => {
    const minted = new Set<string>();
    for (const bad of BAD) {
      expect(isAcceptableRequestId(bad), JSON.stringify(bad)).toBe(false);
      const id = acceptOrMintRequestId(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(UUID);
      expect(isAcceptableRequestId(id)).toBe(true); // what the portal mints passes its own check
      minted.add(id);
    }
    expect(minted.size).toBe(BAD.length);
  });

  it("a malformed id read back from the headers becomes no id, never the raw text", () => {
    for (const bad of BAD) expect(requestIdFromHeader(bad)).toBeNull();
  });
});
