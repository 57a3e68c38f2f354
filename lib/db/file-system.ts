// What the file system under the SQLite file says without writing to it: mounted
// read-only (a `mount -o remount,ro`, or ext4 after an I/O error: "emergency_ro",
// which access(2) does not report) or out of space. Both are seen by readiness and
// the banner before any save fails.
import { readFileSync, realpathSync, statSync, statfsSync } from "node:fs";
import path from "node:path";

/** Less free space than this counts as a full disk: a save or two more, then SQLITE_FULL. */
export const FULL_BELOW_BYTES = 1024 * 1024;

// glibc's dev_t encoding, as Node reports st_dev.
const major = (dev: number) => ((dev >>> 8) & 0xfff) | (Math.floor(dev / 2 ** 32) & 0xfffff000);
const minor = (dev: number) => (dev & 0xff) | ((dev >>> 12) & 0xfff00);

const unescape = (field: string) =>
  field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** The mount and super-block options of the mount holding `file` (Linux), or null when unknown. */
function mountOptions(file: string): string[] | null {
  let lines: string[];
  let real: string;
  let device: string;
  try {
    lines = readFileSync("/proc/self/mountinfo", "utf8").split("\n");
    real = realpathSync(file);
    const dev = statSync(real).dev;
    device = `${major(dev)}:${minor(dev)}`;
  } catch {
    return null;
  }
  let best: { at: string; options: string[] } | null = null;
  for (const line of lines) {
    // id parent major:minor root mount-point mount-options [optional…] - fstype source super-options
    const fields = line.split(" ");
    const dash = fields.indexOf("-");
    const at = unescape(fields[4] ?? "");
    if (fields[2] !== device || dash < 0 || !(real === at || real.startsWith(at === "/" ? "/" : `${at}/`))) continue;
    if (best && best.at.length >= at.length) continue;
    best = { at, options: [...(fields[5] ?? "").split(","), ...(fields[dash + 3] ?? "").split(",")] };
  }
  return best?.options ?? null;
}

export function fileSystemCondition(file: string): { reason: "readOnly" | "full"; code: string } | null {
  const options = mountOptions(file);
  if (options?.includes("ro") || options?.includes("emergency_ro")) return { reason: "readOnly", code: "EROFS" };
  try {
    const fs = statfsSync(path.dirname(file));
    // root may use the blocks reserved for it; anyone else only the available ones.
    const free = (process.getuid?.() === 0 ? fs.bfree : fs.bavail) * fs.bsize;
    if (free < FULL_BELOW_BYTES) return { reason: "full", code: "ENOSPC" };
  } catch {
    // No statfs here: failed writes still say SQLITE_FULL.
  }
  return null;
}
