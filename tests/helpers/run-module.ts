// Runs a snippet of ES module TypeScript in a process of its own (through tsx), as a
// second server worker or a restarted portal would open the database, and collects
// what it printed on both streams.
import { spawn } from "node:child_process";

export function runModule(script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}
