// What is running: package version and, when known, the git commit. Used as the
// Sentry release and in off-site backup metadata. The commit comes from
// MINIPORTAL_GIT_COMMIT (set it in images built without .git) or from .git.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pkg from "../package.json";
import { env } from "./env";

export const APP_VERSION: string = pkg.version;

/** HEAD's commit read from a .git directory (or a worktree's .git file); null when unknown. */
export function gitCommitAt(root: string): string | null {
  try {
    let gitDir = path.join(/* turbopackIgnore: true */ root, ".git");
    if (!existsSync(gitDir)) return null;
    const pointer = readFileSync(gitDir, "utf8").match(/^gitdir: (.+)$/m);
    if (pointer?.[1]) gitDir = path.resolve(root, pointer[1].trim());
    const head = readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return /^[0-9a-f]{40}$/.test(head) ? head : null;
    // Worktrees keep refs in the common dir.
    const common = existsSync(path.join(gitDir, "commondir"))
      ? path.resolve(gitDir, readFileSync(path.join(gitDir, "commondir"), "utf8").trim())
      : gitDir;
    for (const dir of [gitDir, common]) {
      const loose = path.join(dir, ref);
      if (existsSync(loose)) return readFileSync(loose, "utf8").trim();
      const packed = path.join(dir, "packed-refs");
      if (existsSync(packed)) {
        const line = readFileSync(packed, "utf8")
          .split("\n")
          .find((l) => l.endsWith(` ${ref}`));
        if (line) return line.split(" ")[0] ?? null;
      }
    }
    return null;
  } catch {
    return null; // an unreadable .git must never stop the app
  }
}

let cachedCommit: string | null | undefined;

export function gitCommit(): string | null {
  cachedCommit ??= env().MINIPORTAL_GIT_COMMIT?.toLowerCase() ?? gitCommitAt(process.cwd());
  return cachedCommit;
}

/** "miniportal@0.1.0+1a2b3c4d5e6f" (Sentry's release format), without the commit when unknown. */
export function releaseName(): string {
  const commit = gitCommit();
  return `miniportal@${APP_VERSION}${commit ? `+${commit.slice(0, 12)}` : ""}`;
}
