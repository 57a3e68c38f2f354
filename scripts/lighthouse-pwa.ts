// Lighthouse (npm, 12.2.3: the last line that runs on Node 20) and Chromium's own
// installability check against a running portal, by hand (not part of npm test):
//
//   npx tsx scripts/lighthouse-pwa.ts http://127.0.0.1:3000 [path]
//   LIGHTHOUSE_COOKIE='miniportal.session=…' npx tsx scripts/lighthouse-pwa.ts http://127.0.0.1:3000 /review
//
// /review (the manifest's start_url) needs a student's session: LIGHTHOUSE_COOKIE is
// sent as its Cookie header (never printed).
// Lighthouse 12 dropped its PWA category; its best-practices audits run here, and
// Chromium's DevTools protocol says whether the page is installable
// (Page.getInstallabilityErrors: manifest, icons, start_url, worker). Results are
// recorded in docs/offline-review.md#lighthouse.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const page = process.argv[3] ?? "/login";
const browserPath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const cookie = process.env.LIGHTHOUSE_COOKIE;
const out = path.join(mkdtempSync(path.join(tmpdir(), "lighthouse-")), "report.json");

const run = spawnSync(
  "npx",
  [
    "-y",
    "lighthouse@12.2.3",
    new URL(page, base).href,
    "--only-categories=best-practices,accessibility",
    "--output=json",
    `--output-path=${out}`,
    "--quiet",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ],
  { stdio: "inherit", env: { ...process.env, CHROME_PATH: browserPath } },
);
if (run.status !== 0) process.exit(run.status ?? 1);

type Audit = {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  details?: { items?: { issueType?: string; subItems?: { items?: unknown[] } }[] };
};
const report = JSON.parse(readFileSync(out, "utf8")) as {
  lighthouseVersion: string;
  categories: Record<string, { score: number; auditRefs: { id: string }[] }>;
  audits: Record<string, Audit>;
};
console.log(`Lighthouse ${report.lighthouseVersion} on ${new URL(page, base).href}`);
for (const [name, c] of Object.entries(report.categories)) {
  console.log(`  ${name}: ${Math.round(c.score * 100)}`);
  for (const { id } of c.auditRefs) {
    const a = report.audits[id];
    if (a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative") {
      console.log(`    ✗ ${a.id}: ${a.title}`);
      for (const item of a.details?.items ?? [])
        if (item.issueType) console.log(`      ${item.issueType}: ${JSON.stringify(item.subItems?.items ?? [])}`);
    }
  }
}

// Installability, as Chromium decides it on that page.
// A persistent profile: Chromium never offers to install from an off-the-record one.
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "lighthouse-profile-")), {
  executablePath: browserPath,
  args: ["--no-sandbox"],
});
try {
  if (cookie) {
    const [name = "", ...value] = cookie.split("=");
    await context.addCookies([{ name, value: value.join("="), url: base, httpOnly: true, sameSite: "Lax" }]);
  }
  const tab = await context.newPage();
  await tab.goto(new URL(page, base).href);
  await tab.waitForLoadState("networkidle");
  // A page that registers the worker (/review): wait until it controls the page.
  await tab
    .waitForFunction(
      () =>
        !("serviceWorker" in navigator) ||
        navigator.serviceWorker.controller !== null ||
        !location.pathname.startsWith("/review"),
      undefined,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  const cdp = await context.newCDPSession(tab);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  const manifest = await cdp.send("Page.getAppManifest");
  console.log(`Chromium installability errors: ${JSON.stringify(installabilityErrors)}`);
  console.log(`Manifest ${manifest.url}: ${manifest.errors.length} error(s) ${JSON.stringify(manifest.errors)}`);
} finally {
  await context.close();
}
