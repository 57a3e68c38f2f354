// Runs a scanner under `timeout`, asynchronously (the loopback guard proxy lives
// in this process and must keep serving meanwhile), with no proxy settings from
// the environment (they could send a scanner around the guard).
import { spawn, spawnSync } from "node:child_process";
import { say } from "./report";

export function installed(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
}

export type ToolRun = { output: string; status: number | null; seconds: number };

/** `stdin`: answers for a prompt the tool may ask when interrupted (else stdin is closed). */
export function runTool(tool: string, args: string[], seconds: number, stdin = ""): Promise<ToolRun> {
  say(`  $ ${tool} ${args.map((a) => (/[\s"$]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const env = { ...process.env };
  // Nor the check's own credentials: a scanner gets the cookie from the guard, never the student's password.
  for (const k of Object.keys(env)) if (/^((https?|all|no)_proxy|SECURITY_CHECK_\w+)$/i.test(k)) delete env[k];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("timeout", ["--signal=INT", "--kill-after=20", String(seconds), tool, ...args], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end(stdin);
    const out: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => out.push(c));
    child.on("close", (status) => {
      const ran = (Date.now() - started) / 1000;
      say(`    (${tool} ran ${ran.toFixed(0)} s, exit ${status})`);
      resolve({ output: Buffer.concat(out).toString("utf8"), status, seconds: ran });
    });
  });
}
