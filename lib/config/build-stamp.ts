// Decides whether `next build` must run: a fingerprint of the sources the build reads.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "content",
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
];
const SKIP = new Set(["node_modules", ".next", "generated", "generated-pg"]);

function walk(target: string, out: string[]): void {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isFile()) {
    out.push(`${target}:${stat.size}:${stat.mtimeMs}`);
    return;
  }
  for (const entry of readdirSync(target).sort()) if (!SKIP.has(entry)) walk(path.join(target, entry), out);
}

export function sourceFingerprint(root: string): string {
  const entries: string[] = [];
  for (const source of SOURCES) walk(path.join(root, source), entries);
  return createHash("sha256").update(entries.join("\n")).digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "miniportal-build-stamp");

export function buildIsCurrent(root: string): boolean {
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stampFile(root)) &&
    readFileSync(stampFile(root), "utf8") === sourceFingerprint(root)
  );
}

export function recordBuild(root: string): void {
  writeFileSync(stampFile(root), sourceFingerprint(root));
}
