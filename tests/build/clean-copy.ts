// A clean checkout of the working tree: exactly what `git ls-files -co --exclude-standard`
// lists (tracked, plus new files not ignored — uncommitted work is tested too), and
// nothing generated, built or stored. node_modules comes as hard links of this
// checkout's: a real directory, as Turbopack refuses one symlinked from outside the project.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync, chmodSync } from "node:fs";
import path from "node:path";

export function workingTreeFiles(repo: string): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "-co", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // A tracked file deleted in the working tree is listed but gone: the copy has it gone too.
  return [...new Set(listed.split("\0"))].filter((f) => f && existsSync(path.join(repo, f)));
}

function checkTarget(repo: string, target: string): void {
  const relative = path.relative(target, repo);
  if (!path.isAbsolute(target) || relative === "" || !relative.startsWith(".."))
    throw new Error(`refusing to make the clean copy at ${target}: it must be an absolute path outside ${repo}`);
}

function copyFiles(repo: string, target: string, files: string[]): void {
  for (const file of files) {
    const from = path.join(repo, file);
    const to = path.join(target, file);
    mkdirSync(path.dirname(to), { recursive: true });
    rmSync(to, { force: true });
    const stat = lstatSync(from);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else {
      copyFileSync(from, to);
      chmodSync(to, stat.mode & 0o7777);
    }
  }
}

/** Replaces `target` with a clean copy of `repo`'s working tree; refuses to touch the repo itself. */
export function cleanCopy(repo: string, target: string): number {
  checkTarget(repo, target);
  rmSync(target, { recursive: true, force: true });
  const files = workingTreeFiles(repo);
  copyFiles(repo, target, files);
  execFileSync("cp", ["-al", path.join(repo, "node_modules"), path.join(target, "node_modules")], { timeout: 180_000 });
  return files.length;
}

/**
 * A `git clone` of `repo` at `target` holding its working tree (uncommitted work too, as
 * the build is tested) and no node_modules: a fresh checkout for a fresh `npm ci`.
 */
export function cloneWorkingTree(repo: string, target: string): number {
  checkTarget(repo, target);
  rmSync(target, { recursive: true, force: true });
  execFileSync("git", ["clone", "--quiet", repo, target], { timeout: 180_000 });
  const files = workingTreeFiles(repo);
  copyFiles(repo, target, files);
  // Tracked files the working tree has deleted are gone from the clone too.
  const kept = new Set(files);
  for (const file of workingTreeFiles(target)) if (!kept.has(file)) rmSync(path.join(target, file));
  return files.length;
}
