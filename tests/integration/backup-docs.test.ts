// The operations docs give the project's real commands and links: every
// `npm run <script>` exists in package.json, every repository path they name
// exists, and every relative link (with its #anchor) resolves.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, markdownAnchors } from "../ops/helpers";

const DOCS = [
  "docs/backup-restore.md",
  "docs/rollback-runbook.md",
  "docs/release-checklist.md",
  "docs/loadtest.md",
  "docs/slo.md",
];
const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
);

describe.each(DOCS)("%s", (doc) => {
  const text = readFileSync(path.join(REPO, doc), "utf8");

  it("only runs npm scripts that exist", () => {
    const used = [...text.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]!);
    expect(used.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it("names repository files that exist", () => {
    const named = [
      ...text.matchAll(
        /`((?:lib|scripts|tests|ops|docs|e2e|prisma|app)\/[A-Za-z0-9_./[\]-]+\.(?:ts|md|yml|json|sh))`/g,
      ),
    ].map((m) => m[1]!);
    expect(named.filter((f) => !existsSync(path.join(REPO, f)))).toEqual([]);
  });

  it("links only to files and anchors that exist", () => {
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue; // absolute URLs
      const [file, anchor] = target!.split("#") as [string, string | undefined];
      const resolved = file ? path.join(REPO, path.dirname(doc), file) : path.join(REPO, doc);
      if (!existsSync(resolved)) broken.push(target!);
      else if (anchor && resolved.endsWith(".md") && !markdownAnchors(resolved).has(anchor)) broken.push(target!);
    }
    expect(broken).toEqual([]);
  });
});
