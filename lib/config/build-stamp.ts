// Decides whether `next build` must run: a fingerprint of every file the build reads.
// `npm run build` (scripts/build.ts) and `npm start` record it beside the build; `npm
// start` builds again when it differs. Contents, not mtimes: a copy or a fresh checkout
// of the same sources is the same build.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * What `npm run build` reads (prisma generate, then next build), by what imports it:
 * the routes and everything they import (app/, components/, lib/, the i18n catalogues
 * in messages/, package.json for the release name, packages/ for server-only),
 * Next's entry points and configuration (proxy, instrumentation, next.config,
 * tsconfig paths, PostCSS/Tailwind, the .env files Next loads), the Prisma schema and
 * config behind the generated clients, and the lockfile standing for node_modules.
 * content/ is read at start and per request, not bundled; it stays in so that no course
 * edit can ever meet a build made from the old one. Tailwind also scans the rest of the
 * tree for class names, but only the classes in these files reach a page.
 */
export const BUILD_SOURCES = [
  "app",
  "components",
  "lib",
  "messages",
  "content",
  "packages",
  "prisma/schema.prisma",
  "prisma.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "tsconfig.json",
  "global.d.ts",
  "postcss.config.mjs",
  // The service worker's precache lists the icons; scripts/build-sw.ts builds it.
  "public/icons",
  "scripts/build-sw.ts",
  "package.json",
  "package-lock.json",
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
] as const;

// Outputs of the build itself (Prisma clients, Next's output), never its inputs.
const SKIP = new Set(["node_modules", ".next", "generated", "generated-pg"]);

function walk(root: string, relative: string, hash: ReturnType<typeof createHash>): void {
  const target = path.join(root, relative);
  if (!existsSync(target)) return;
  if (statSync(target).isFile()) {
    // Path and content, each length-prefixed so no two trees hash alike by concatenation.
    const content = readFileSync(target);
    hash.update(`${relative.split(path.sep).join("/")}\0${content.length}\0`).update(content);
    return;
  }
  for (const entry of readdirSync(target).sort()) if (!SKIP.has(entry)) walk(root, path.join(relative, entry), hash);
}

export function sourceFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const source of BUILD_SOURCES) walk(root, source, hash);
  return hash.digest("hex");
}

const stampFile = (root: string) => path.join(root, ".next", "miniportal-build-stamp");

export function buildIsCurrent(root: string): boolean {
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stampFile(root)) &&
    readFileSync(stampFile(root), "utf8") === sourceFingerprint(root)
  );
}

/**
 * Records that .next was built from these sources. Pass the fingerprint taken before
 * the build began: a file edited while it ran then leaves the build stale, not current.
 */
export function recordBuild(root: string, fingerprint: string = sourceFingerprint(root)): void {
  writeFileSync(stampFile(root), fingerprint);
}
