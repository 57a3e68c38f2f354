// Real storage faults for the integration tests, made with the kernel rather than
// simulated: a small ext4 file system on a loop device, which can be turned
// read-only under open files (ext4's own "errors=remount-ro" reaction, triggered
// through sysfs: what a failing disk does) or filled up. `mount -o remount,ro`
// cannot do it: Linux refuses while a file is open for writing (SQLite's are).
// Needs root and loop devices; tests skip themselves without (canMount).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

export function canMount(): boolean {
  return process.getuid?.() === 0 && existsSync("/dev/loop-control") && spawnSync("mkfs.ext4", ["-V"]).status === 0;
}

export type ScratchMount = {
  /** The mounted file system's root: put the data dir here. */
  dir: string;
  /** The file system turns read-only at once, open files included (EROFS on every write). */
  makeReadOnly(): void;
  /** Fills every free block (no blocks are reserved for root), until `free` is called. */
  fill(): void;
  free(): void;
  /** Unmounts (lazily when something still holds a file) and removes the image. */
  dispose(): void;
};

export function mountScratch(sizeMb = 24): ScratchMount {
  const base = mkdtempSync(path.join(tmpdir(), "miniportal-mount-"));
  const image = path.join(base, "fs.img");
  const dir = path.join(base, "mnt");
  mkdirSync(dir);
  run("truncate", ["-s", `${sizeMb}M`, image]);
  run("mkfs.ext4", ["-q", "-F", "-m", "0", image]);
  run("mount", ["-o", "loop,errors=remount-ro", image, dir]);
  const device = path.basename(run("findmnt", ["-no", "SOURCE", dir]));
  const filler = path.join(dir, "filler");
  return {
    dir,
    makeReadOnly: () => writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, "miniportal test: read-only"),
    fill: () => {
      // Until ENOSPC; the exit status of a full disk is a failure, which is the point.
      spawnSync("sh", ["-c", `cat /dev/zero > '${filler}' 2>/dev/null; sync`]);
    },
    free: () => rmSync(filler, { force: true }),
    dispose: () => {
      if (spawnSync("umount", [dir]).status !== 0) spawnSync("umount", ["-l", dir]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
