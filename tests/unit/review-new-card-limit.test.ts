import { describe, expect, it } from "vitest";
import { NEW_CARDS_PER_DAY_DEFAULT, newCardAllowance, takeNewCards } from "@/lib/review/new-card-limit";

describe("daily new-card limit", () => {
  it("defaults to 20 a day", () => {
    expect(NEW_CARDS_PER_DAY_DEFAULT).toBe(20);
  });

  it("leaves what today has not used yet, never less than nothing", () => {
    expect(newCardAllowance(20, 0)).toBe(20);
    expect(newCardAllowance(20, 7)).toBe(13);
    expect(newCardAllowance(20, 20)).toBe(0);
    expect(newCardAllowance(5, 9)).toBe(0); // the limit was lowered after studying
    expect(newCardAllowance(0, 0)).toBe(0);
  });

  it("takes the first new cards in course order and counts the rest as held", () => {
    const fresh = ["a", "b", "c", "d", "e"];
    expect(takeNewCards(fresh, 3)).toEqual({ shown: ["a", "b", "c"], held: 2 });
    expect(takeNewCards(fresh, 10)).toEqual({ shown: fresh, held: 0 });
    expect(takeNewCards(fresh, 0)).toEqual({ shown: [], held: 5 });
    expect(takeNewCards([], 4)).toEqual({ shown: [], held: 0 });
  });
});
