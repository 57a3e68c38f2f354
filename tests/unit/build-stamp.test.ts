// The build stamp decides whether `npm start` builds again: it must change with every
// file the build reads (else a stale build is served) and with nothing else, and a copy
// of the same sources must count as the same build.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_SOURCES, buildIsCurrent, recordBuild, sourceFingerprint } from "@/lib/config/build-stamp";

const repo = path.resolve(import.meta.dirname, "../..");

/** Tracked files that no step of `npm run build` reads (prisma/postgresql is derived from prisma/schema.prisma). */
const NOT_READ_BY_BUILD = [
  ".ci/",
  ".gitignore",
  ".nvmrc",
  ".prettierignore",
  ".prettierrc.json",
  "README.md",
  "bench/",
  "docs/",
  "e2e/",
  "eslint.config.mjs",
  "ops/",
  "playwright.config.ts",
  "prisma/migrations/",
  "prisma/postgresql/",
  "scripts/",
  "tests/",
  "vitest.config.ts",
];

const covered = (file: string) => BUILD_SOURCES.some((s) => file === s || file.startsWith(`${s}/`));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "mp-stamp-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const sample = {
  "app/page.tsx": "page",
  "messages/en/common.json": "{}",
  "tsconfig.json": "{}",
  "package.json": "{}",
  "tests/unit/x.test.ts": "test",
  "docs/x.md": "doc",
  "lib/db/generated/client.ts": "generated",
};

describe("build stamp", () => {
  it("changes with a catalogue, a config file or a route, not with tests, docs or generated files", () => {
    const root = tree(sample);
    const before = sourceFingerprint(root);
    for (const file of ["tests/unit/x.test.ts", "docs/x.md", "lib/db/generated/client.ts", ".next/BUILD_ID"]) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), "changed");
      expect(sourceFingerprint(root), file).toBe(before);
    }
    for (const file of ["messages/en/common.json", "tsconfig.json", "package.json", "app/page.tsx", "global.d.ts"]) {
      const copy = tree(sample);
      writeFileSync(path.join(copy, file), "changed");
      expect(sourceFingerprint(copy), file).not.toBe(before);
    }
  });

  it("is the same for a copy with other timestamps, and tells a renamed file apart", () => {
    const root = tree(sample);
    const copy = mkdtempSync(path.join(tmpdir(), "mp-stamp-copy-"));
    cpSync(root, copy, { recursive: true, preserveTimestamps: false });
    expect(statSync(path.join(copy, "app/page.tsx")).mtimeMs).not.toBe(
      statSync(path.join(root, "app/page.tsx")).mtimeMs,
    );
    expect(sourceFingerprint(copy)).toBe(sourceFingerprint(root));
    const { "app/page.tsx": page, ...rest } = sample;
    const renamed = tree({ ...rest, "app/other.tsx": page });
    expect(sourceFingerprint(renamed)).not.toBe(sourceFingerprint(root));
  });

  it("records a build as current until a source changes; a fingerprint taken before the build wins", () => {
    const root = tree({ ...sample, ".next/BUILD_ID": "x" });
    expect(buildIsCurrent(root)).toBe(false);
    recordBuild(root);
    expect(buildIsCurrent(root)).toBe(true);
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, "messages/en/common.json"), '{"edited":"during the build"}');
    recordBuild(root, before);
    expect(buildIsCurrent(root)).toBe(false);
  });

  it("covers every file the routes, proxy, instrumentation and next.config import", () => {
    const entries = ["proxy.ts", "instrumentation.ts", "next.config.ts", "lib/i18n/request.ts"];
    for (const file of listFiles()) if (file.startsWith("app/")) entries.push(file);
    const outside = [...importGraph(entries)].filter((file) => !covered(file));
    expect(outside, "imported by the build but not in BUILD_SOURCES").toEqual([]);
  });

  it("classifies every file of the repository as read by the build or not", () => {
    const unclassified = listFiles().filter(
      (file) => !covered(file) && !NOT_READ_BY_BUILD.some((p) => file === p || file.startsWith(p)),
    );
    expect(unclassified, "add to BUILD_SOURCES if `npm run build` reads it, else to NOT_READ_BY_BUILD").toEqual([]);
  });
});

function listFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: repo, encoding: "utf8" });
  return out.split("\n").filter((f) => f && existsSync(path.join(repo, f)));
}

const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", ".json", "/index.ts", "/index.tsx", "/index.js"];

/** Project files reachable by relative or @/ imports (package imports stay in node_modules). */
function importGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.(tsx?|mjs|js|css)$/.test(file)) return;
    const source = readFileSync(path.join(repo, file), "utf8");
    for (const [, spec = ""] of source.matchAll(/(?:from|import|@import)\s*\(?\s*["']([^"']+)["']/g)) {
      const base = spec.startsWith("@/")
        ? spec.slice(2)
        : spec.startsWith(".")
          ? path.join(path.dirname(file), spec)
          : null;
      if (base === null) continue;
      const found = EXTENSIONS.map((e) => base + e).find(
        (f) => existsSync(path.join(repo, f)) && statSync(path.join(repo, f)).isFile(),
      );
      // Unresolved: the generated Prisma clients' internals (outputs, skipped by the stamp).
      if (found) visit(path.normalize(found));
    }
  };
  for (const entry of entries) visit(entry);
  return seen;
}
