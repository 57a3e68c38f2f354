// When `npm start` warns about the Node.js it runs on: only on a line past its end
// of life, once, naming the lines Miniportal supports on that day.
import { describe, expect, it } from "vitest";
import { nodeEndOfLifeWarning, supportedNodeLines } from "@/lib/config/node-support";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const today = day("2026-12-06");

describe("Node.js end-of-life warning", () => {
  it("warns on Node 20 after its end of life, naming 24 as recommended and 22 as supported", () => {
    const warning = nodeEndOfLifeWarning("v20.19.0", today);
    expect(warning).toContain("Node.js 20.19.0 is past its end of life (2026-04-30)");
    expect(warning).toContain("supports Node.js 24 (recommended) and 22");
  });

  it("says nothing on the supported lines, nor on a line newer than the schedule", () => {
    for (const version of ["v22.12.0", "v24.22.3", "v26.1.0", "v28.0.0"])
      expect(nodeEndOfLifeWarning(version, today), version).toBeNull();
  });

  it("warns on lines that ended earlier: odd releases and anything older than the schedule", () => {
    for (const version of ["v23.11.0", "v25.0.0", "v18.20.4", "v16.20.2"])
      expect(nodeEndOfLifeWarning(version, today), version).toMatch(/past its end of life/);
  });

  it("follows the calendar: Node 20 was fine the day before its end of life, 22 ends in 2027", () => {
    expect(nodeEndOfLifeWarning("v20.19.0", day("2026-04-29"))).toBeNull();
    expect(nodeEndOfLifeWarning("v20.19.0", day("2026-04-30"))).not.toBeNull();
    expect(supportedNodeLines(today)).toEqual([24, 22]);
    expect(supportedNodeLines(day("2027-05-01"))).toEqual([24]);
    expect(nodeEndOfLifeWarning("v22.12.0", day("2027-05-01"))).toContain("supports Node.js 24 (recommended);");
  });

  it("ignores a version it cannot read", () => {
    expect(nodeEndOfLifeWarning("not-a-version", today)).toBeNull();
  });
});
