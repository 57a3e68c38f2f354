import { describe, expect, it } from "vitest";
import { WALL_CLOCK_PARTS, localDayAndHour, offsetMs, startOfLocalDay } from "@/lib/time/zones";

// lib/time/zones.ts derives most wall clocks from an offset it keeps per UTC hour; this
// compares every answer with Intl asked directly, over whole years and minute by minute
// around each change, in zones with odd offsets, half-hour and negative daylight saving,
// skipped days, seconds in their historic offsets, and Ramadan suspensions.
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Amsterdam",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/St_Johns",
  "Pacific/Apia",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "America/Santiago",
  "Antarctica/Troll",
];
const YEARS = [1900, 1995, 2011, 2026];
const MINUTE = 60_000;

const reference = new Map<string, Intl.DateTimeFormat>();
function intlWall(zone: string, ms: number) {
  let f = reference.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...WALL_CLOCK_PARTS, timeZone: zone });
    reference.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const hour = Number(p.hour) % 24;
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), hour, Number(p.minute), Number(p.second));
  return { day: `${p.year}-${p.month}-${p.day}`, hour, offset: wall - Math.floor(ms / 1000) * 1000 };
}

/** Moments through the year about three hours apart, and every minute for four hours around each change. */
function momentsOf(zone: string, year: number): { moments: number[]; changes: number } {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const out: number[] = [];
  let previous: number | null = null;
  let changes = 0;
  for (let ms = start, i = 0; ms < end; ms += 173 * MINUTE + ((i * 7919) % 60_000), i++) {
    const offset = intlWall(zone, ms).offset;
    if (previous !== null && offset !== previous) {
      changes++;
      for (let m = ms - 180 * MINUTE; m < ms + 60 * MINUTE; m += MINUTE) out.push(m, m + 59_999);
    }
    previous = offset;
    out.push(ms);
  }
  return { moments: out, changes };
}

describe("wall clocks in time zones", () => {
  it("match Intl at every sampled moment of four years in thirteen zones", () => {
    let checked = 0;
    let changes = 0;
    for (const zone of ZONES)
      for (const year of YEARS) {
        const { moments, changes: changesInYear } = momentsOf(zone, year);
        for (const ms of moments) {
          const want = intlWall(zone, ms);
          const at = new Date(ms);
          const got = localDayAndHour(zone, at);
          if (got.day !== want.day || got.hour !== want.hour || offsetMs(zone, at) !== want.offset)
            expect({ zone, at: at.toISOString(), ...got, offset: offsetMs(zone, at) }).toEqual({
              zone,
              at: at.toISOString(),
              day: want.day,
              hour: want.hour,
              offset: want.offset,
            });
          checked++;
        }
        changes += changesInYear;
      }
    expect(checked).toBeGreaterThan(ZONES.length * YEARS.length * 3_000);
    expect(changes).toBeGreaterThan(40); // each change sampled minute by minute
  }, 60_000);

  // Where the clock falls back at midnight (Havana, 2011-11-13) the day starts at the second
  // 00:00, as it always has here; every other day at its first moment, skipped midnights included.
  it("start each local day at its local midnight, also on days that skip it", () => {
    for (const zone of ["America/Santiago", "Asia/Beirut", "America/Havana", "Europe/London", "Pacific/Apia"])
      for (let ms = Date.UTC(2011, 0, 1); ms < Date.UTC(2012, 0, 1); ms += 7 * 3_600_000 + 13 * MINUTE) {
        const at = new Date(ms);
        const start = startOfLocalDay(zone, at).getTime();
        const day = intlWall(zone, ms).day;
        expect(start).toBeLessThanOrEqual(ms);
        expect(intlWall(zone, start).day).toBe(day);
        // The second before is the day before, or (a repeated midnight) the start is 00:00:00 on the wall.
        if (intlWall(zone, start - 1000).day === day)
          expect(new Date(start + intlWall(zone, start).offset).toISOString().slice(11, 19)).toBe("00:00:00");
      }
  });

  it("reject an unknown zone and an invalid date as Intl does", () => {
    expect(() => localDayAndHour("Mars/Olympus_Mons", new Date())).toThrow(RangeError);
    expect(() => localDayAndHour("UTC", new Date(Number.NaN))).toThrow(RangeError);
  });
});
