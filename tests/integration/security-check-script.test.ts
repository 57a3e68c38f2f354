// `npm run security:check` against a real `npm start`: every probe but the external
// scanners (sqlmap, wapiti), which take minutes. The check is what an operator runs before going live; it once
// reported the sign-in form's in-form refusal (200 with Retry-After, issue 25) as a
// failed lockout because nothing ran it after that change.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APP_DIR, HAS_BUILD, type RealPortal, freePort, startRealPortal, waitUntilServing } from "./real-portal";

/** A command's exit status and output, with the event loop free while it runs. */
function runToEnd(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: APP_DIR, env: { ...process.env, SECURITY_CHECK_COOKIE: "" } });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

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
    // Not spawnSync: the portal's output is read by this process, and a blocked event loop
    // would fill its pipe and stall the portal mid-check.
    const check = await runToEnd(
      process.execPath,
      ["--import", "tsx", "scripts/security-check.ts", "--url", portal.base, "--skip-tools"],
      120_000,
    );
    const out = check.output;
    expect(check.status, out).toBe(0);
    expect(out).toMatch(/PASS\s+lockout by a stranger\s+11th guess (429|200), Retry-After \d+/);
    expect(out).toMatch(/PASS\s+hostile requests/);
    expect(out).toMatch(/PASS\s+portal ready afterwards/);
    expect(out).toContain("every limit held");
  });
});
