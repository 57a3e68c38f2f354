// Renders the web app manifest's PNG icons (public/icons/) from app/icon.svg's mark
// with Chromium: `npx tsx scripts/make-icons.ts`. Run by hand when the mark changes;
// the PNGs are committed. "maskable" icons fill the square and keep the mark in the
// central 60 % (the safe zone a launcher's mask never cuts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const svg = readFileSync(path.join(root, "app/icon.svg"), "utf8");
const mark = /<path[^>]*\/>/.exec(svg)?.[0] ?? "";
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#4f46e5"/><g transform="translate(16 16) scale(0.6) translate(-16 -16)">${mark}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  for (const size of [192, 512]) {
    for (const [name, source] of [
      ["icon", svg],
      ["maskable", maskable],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      await page.screenshot({ path: path.join(root, `public/icons/${name}-${size}.png`), omitBackground: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
