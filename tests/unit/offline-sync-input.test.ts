// The sync endpoint's body rules that need no database (lib/offline/sync-input.ts).
import { describe, expect, it } from "vitest";
import {
  CLOCK_SKEW_MS,
  MAX_AGE_MS,
  MAX_BATCH,
  MAX_SYNC_BODY,
  parseSyncBody,
  repeatedInBatch,
  timeRefusal,
} from "@/lib/offline/sync-input";

const g = (over: Record<string, unknown> = {}) => ({
  id: "0b7f6a4e-6a0c-4a57-9d6e-2b1f3c4d5e6f",
  cardId: "card_1",
  answer: 4,
  scale: "sm2",
  givenAt: "2026-12-06T10:00:00.000Z",
  basis: { dueAt: null, repetitions: 0 },
  ...over,
});
const body = (grades: unknown[], v: unknown = 1) => JSON.stringify({ v, grades });

describe("parseSyncBody", () => {
  it("accepts a well-formed batch", () => {
    const r = parseSyncBody(body([g(), g({ id: "1b7f6a4e-6a0c-4a57-9d6e-2b1f3c4d5e6f", scale: "fsrs", answer: 1 })]));
    expect(r.ok && r.body.grades).toHaveLength(2);
  });

  it.each([
    ["not JSON", "{"],
    ["no grades", body([])],
    ["an unknown field", body([g({ extra: 1 })])],
    ["a grade out of range", body([g({ answer: 6 })])],
    ["a fractional grade", body([g({ answer: 3.5 })])],
    ["a bad id", body([g({ id: "x" })])],
    ["a card id with a slash", body([g({ cardId: "../admin" })])],
    ["a bad time", body([g({ givenAt: "yesterday" })])],
    ["an unknown scale", body([g({ scale: "anki" })])],
    ["a missing basis", body([g({ basis: undefined })])],
    ["an array", "[]"],
  ])("refuses %s as malformed (400)", (_what, text) => {
    expect(parseSyncBody(text)).toEqual({ ok: false, status: 400, problem: "malformed" });
  });

  it("refuses an oversized batch (413) and an oversized body (413)", () => {
    expect(parseSyncBody(body(Array.from({ length: MAX_BATCH + 1 }, () => g())))).toMatchObject({ status: 413 });
    expect(parseSyncBody(" ".repeat(MAX_SYNC_BODY + 1))).toMatchObject({ status: 413, problem: "tooLarge" });
  });

  it("tells a page from another version to reload (409), keeping its queue", () => {
    expect(parseSyncBody(body([g()], 2))).toEqual({ ok: false, status: 409, problem: "reload" });
  });
});

describe("batch and time rules", () => {
  it("finds repeated ids, case-insensitively, after their first use", () => {
    expect([...repeatedInBatch([{ id: "a" }, { id: "b" }, { id: "A" }, { id: "a" }])]).toEqual([2, 3]);
  });

  it("refuses times in the future beyond the skew, and older than the maximum age", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(timeRefusal(at(CLOCK_SKEW_MS), now)).toBeNull();
    expect(timeRefusal(at(CLOCK_SKEW_MS + 1), now)).toBe("futureTime");
    expect(timeRefusal(at(-MAX_AGE_MS), now)).toBeNull();
    expect(timeRefusal(at(-MAX_AGE_MS - 1), now)).toBe("tooOld");
  });
});
