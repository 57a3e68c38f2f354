// The one count of what is due (lib/review/due-count.ts): due, new within the day's allowance, re-drills.
import { describe, expect, it } from "vitest";
import { countDue, dueKind } from "@/lib/review/due-count";

const now = new Date("2026-03-14T10:00:00Z");
const before = new Date("2026-03-14T00:00:00Z");
const tomorrow = new Date("2026-03-15T00:00:00Z");

describe("dueKind", () => {
  it("tells new, due, re-drill and later apart", () => {
    expect(dueKind(undefined, undefined, now)).toBe("new");
    expect(dueKind(before, 1, now)).toBe("due"); // due wins over a recent failure
    expect(dueKind(now, undefined, now)).toBe("due");
    expect(dueKind(tomorrow, 3, now)).toBe("redrill");
    expect(dueKind(tomorrow, 4, now)).toBe("later");
    expect(dueKind(tomorrow, undefined, now)).toBe("later");
  });
});

describe("countDue", () => {
  const due = new Map([
    ["a", before],
    ["b", tomorrow],
    ["c", tomorrow],
  ]);
  const grades = new Map([
    ["b", 2],
    ["c", 5],
  ]);
  it("adds the new cards today still allows and names re-drills apart", () => {
    expect(countDue(["a", "b", "c", "n1", "n2", "n3"], due, grades, 2, now)).toEqual({
      total: 4,
      reviews: 3,
      redrills: 1,
    });
  });
  it("never counts a negative allowance", () => {
    expect(countDue(["n1"], due, grades, -3, now)).toEqual({ total: 0, reviews: 0, redrills: 0 });
  });
});
