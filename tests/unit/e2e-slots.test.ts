// Each Playwright worker has a portal of its own (e2e/support/server-config.ts): the
// slots must never share a port, a directory or a receiver, or parallel specs would
// meet in each other's logs, rate limits and databases.
import { describe, expect, it } from "vitest";
import { slot } from "../../e2e/support/server-config";

// What a slot's specs bind beyond the portal itself: OTLP (+1) and Sentry (+2)
// receivers, the process spec's second portal (+5), the scale-out instances (+11…+14).
const OFFSETS = [0, 1, 2, 5, 11, 12, 13, 14];

describe("e2e slots", () => {
  const slots = [0, 1, 2, 3].map(slot);

  it("use disjoint ports, whatever each spec adds to its slot's port", () => {
    const used = slots.flatMap((s) => OFFSETS.map((o) => s.port + o));
    expect(new Set(used).size).toBe(used.length);
    for (const s of slots) expect([s.otlpPort, s.sentryPort]).toEqual([s.port + 1, s.port + 2]);
  });

  it("keep their data, logs, spans and error reports apart", () => {
    for (const key of ["dir", "dataDir", "logFile", "stateFile", "spansFile", "sentryFile"] as const)
      expect(new Set(slots.map((s) => s[key])).size, key).toBe(slots.length);
    for (const s of slots) expect(s.dataDir.startsWith(s.dir)).toBe(true);
  });

  it("start their portal against their own address, data dir and receivers", () => {
    for (const s of slots) {
      expect(s.env).toMatchObject({
        PORT: String(s.port),
        MINIPORTAL_DATA_DIR: s.dataDir,
        MINIPORTAL_BASE_URL: `http://127.0.0.1:${s.port}`,
        MINIPORTAL_OTLP_ENDPOINT: `http://127.0.0.1:${s.otlpPort}`,
      });
      expect(s.env.SENTRY_DSN).toContain(`@127.0.0.1:${s.sentryPort}/`);
    }
  });
});
