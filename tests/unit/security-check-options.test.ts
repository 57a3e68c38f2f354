// npm run security:check's command line: an unknown option or --help answers with the
// usage instead of a stack trace; credentials on the command line are refused.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseOptions } from "@/scripts/security-check/options";

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function run(argv: string[]): { code: number | null; out: string } {
  let out = "";
  vi.spyOn(console, "log").mockImplementation((line: string) => void (out += `${line}\n`));
  vi.spyOn(console, "error").mockImplementation((line: string) => void (out += `${line}\n`));
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Exit(Number(code));
  });
  try {
    parseOptions(argv);
    return { code: null, out };
  } catch (error) {
    if (error instanceof Exit) return { code: error.code, out };
    throw error;
  }
}

describe("security:check options", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers an unknown option with what is wrong and the usage (exit 2)", () => {
    const { code, out } = run(["--bogus"]);
    expect(code).toBe(2);
    expect(out).toContain("Unknown option '--bogus'");
    expect(out).toContain("Usage: npm run security:check -- --url");
  });

  it("prints the usage for --help and -h (exit 0)", () => {
    expect(run(["--help"])).toMatchObject({ code: 0, out: expect.stringContaining("--cookie-file <path>") });
    expect(run(["-h"]).code).toBe(0);
  });

  it("refuses credentials on the command line and a scan of another host", () => {
    expect(run(["--cookie", "x"])).toMatchObject({
      code: 2,
      out: expect.stringContaining("--cookie and --student are refused"),
    });
    expect(run(["--url", "http://example.org"])).toMatchObject({ code: 2, out: expect.stringContaining("loopback") });
  });

  it("takes a loopback URL", () => {
    expect(run(["--url", "http://127.0.0.1:3999"]).code).toBeNull();
  });
});
