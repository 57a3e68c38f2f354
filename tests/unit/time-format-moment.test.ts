import { describe, expect, it } from "vitest";
import { formatMoment } from "@/lib/time/format-moment";

const moment = new Date("2026-03-14T09:05:07Z");

describe("formatMoment", () => {
  it("shows the moment in the given zone, with the zone named", () => {
    expect(formatMoment(moment, { timeZone: "UTC", locale: "en-GB" })).toBe("14 Mar 2026, 09:05 UTC");
    expect(formatMoment(moment, { timeZone: "Europe/Madrid", locale: "en-GB" })).toBe("14 Mar 2026, 10:05 CET");
    expect(formatMoment(moment, { timeZone: "America/New_York", locale: "en-US" })).toBe("Mar 14, 2026, 05:05 AM EDT");
  });

  it("adds seconds on request", () => {
    expect(formatMoment(moment, { timeZone: "UTC", locale: "en-GB", seconds: true })).toBe("14 Mar 2026, 09:05:07 UTC");
  });

  it("says so for an invalid date instead of 'Invalid Date'", () => {
    expect(formatMoment(new Date("nope"), { timeZone: "UTC" })).toBe("unknown time");
  });
});
