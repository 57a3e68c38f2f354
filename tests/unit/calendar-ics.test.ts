import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icsCalendar } from "@/lib/calendar/ics";

describe("iCalendar writer", () => {
  it("escapes backslashes, semicolons, commas and newlines in text", () => {
    expect(escapeText("a\\b; c, d\ne\r\nf")).toBe("a\\\\b\\; c\\, d\\ne\\nf");
  });

  it("folds lines at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"ñ".repeat(60)}`; // 8 + 120 octets
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(physical.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("writes a calendar with CRLF lines, UTC times and each event's fields", () => {
    const ics = icsCalendar(
      "Curso, de prueba",
      [
        {
          uid: "phase-logs-due@miniportal",
          start: new Date("2027-01-24T23:30:00.000Z"),
          end: new Date("2027-01-25T00:00:00.000Z"),
          summary: "Phase 01 due: Logs; structured",
          url: "http://localhost:3000/phase/01",
        },
      ],
      new Date("2027-01-01T10:00:00Z"),
    );
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n")).toEqual(
      expect.arrayContaining([
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "X-WR-CALNAME:Curso\\, de prueba",
        "DTSTAMP:20270101T100000Z",
        "DTSTART:20270124T233000Z",
        "DTEND:20270125T000000Z",
        "SUMMARY:Phase 01 due: Logs\\; structured",
        "URL:http://localhost:3000/phase/01",
      ]),
    );
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  });
});
