// `npm run security:check` against a real `npm start`: every probe but the external
// scanners (sqlmap, wapiti), which take minutes. The check is what an operator runs before going live; it once
// reported the sign-in form's in-form refusal (200 with Retry-After, issue 25) as a
// failed lockout because nothing ran it after that change.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HAS_BUILD, type RealPortal, freePort, runScript, startRealPortal, waitUntilServing } from "./real-portal";

describe.runIf(HAS_BUILD)("npm run security:check on a fresh portal", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "mp-security-check-"));
  let portal: RealPortal | undefined;
  afterAll(async () => {
    await portal?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("passes every probe it can run, the stranger's lockout included, and leaves the portal ready", async () => {
    portal = startRealPortal(dataDir, await freePort());
    await waitUntilServing(portal);
    const check = await runScript("scripts/security-check.ts", ["--url", portal.base, "--skip-tools"], {
      SECURITY_CHECK_COOKIE: "",
    });
    const out = check.out;
    expect(check.status, out).toBe(0);
    expect(out).toMatch(/PASS\s+lockout by a stranger\s+11th guess (429|200), Retry-After \d+/);
    expect(out).toMatch(/PASS\s+hostile requests/);
    expect(out).toMatch(/PASS\s+portal ready afterwards/);
    expect(out).toContain("every limit held");
  });
});
