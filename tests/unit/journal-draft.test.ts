import { describe, expect, it } from "vitest";
import { draftKey, draftToOffer, parseDraft, serializeDraft } from "@/lib/journal/draft";

const draft = { text: "# unsaved\n\nthoughts", baseVersion: 3, at: "2026-03-14T09:05:07.000Z" };

describe("journal drafts", () => {
  it("are keyed per user and phase", () => {
    expect(draftKey("u1", 2)).toBe("miniportal.journal-draft.v1:u1:2");
    expect(draftKey("u1", 2)).not.toBe(draftKey("u2", 2));
    expect(draftKey("u1", 2)).not.toBe(draftKey("u1", 3));
  });

  it("round-trip through storage text", () => {
    expect(parseDraft(serializeDraft(draft))).toEqual(draft);
  });

  it("ignore anything absent, damaged or of another shape", () => {
    for (const raw of [
      null,
      "",
      "not json",
      "null",
      "[]",
      '{"text":1,"baseVersion":1,"at":"2026-01-01T00:00:00Z"}',
      '{"text":"x","baseVersion":-1,"at":"2026-01-01T00:00:00Z"}',
      '{"text":"x","baseVersion":1.5,"at":"2026-01-01T00:00:00Z"}',
      '{"text":"x","baseVersion":1,"at":"yesterday-ish"}',
    ])
      expect(parseDraft(raw)).toBeNull();
  });

  it("are offered only when they differ from the saved text and say something", () => {
    expect(draftToOffer(draft, "saved text")).toEqual(draft);
    expect(draftToOffer(draft, draft.text)).toBeNull();
    expect(draftToOffer({ ...draft, text: "  \n" }, "saved text")).toBeNull();
    expect(draftToOffer(null, "saved text")).toBeNull();
  });
});
