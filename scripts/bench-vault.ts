// npm run bench:vault [-- --url http://127.0.0.1:3210 --rounds 30]
// 1. Vault seal/unseal p50/p95 for 1 KiB, 16 KiB and 256 KiB notes, in process,
//    against a fresh temporary SQLite database (real key derivation and keyring).
// 2. With --url (loopback only): save-and-reload latency of /phase/01/notes in
//    Chromium against a running portal. Run it with the same MINIPORTAL_DATA_DIR /
//    DATABASE_URL and PORTAL_MASTER_PASS as that server: it creates a bench
//    student directly in that database, then drives the real UI. Bounded: --rounds (max 200).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "@playwright/test";
import { issueInvite, redeemInvite } from "../lib/auth/invites";
import { createDb, db, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { env, resetEnvCache } from "../lib/env";
import { seal, unseal } from "../lib/vault";
import { NOTE_MAX_BYTES } from "../lib/journal/limits";
import { typingLatency } from "./bench/typing";
import { parseFlags, runScript } from "./script-utils";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

async function benchCrypto(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-bench-"));
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
    MINIPORTAL_DATA_DIR: dir,
    MINIPORTAL_LOG_LEVEL: "silent",
  });
  process.env.PORTAL_MASTER_PASS ||= "bench master pass, not a real one";
  process.env.AUTH_SECRET ||= "bench-auth-secret-0123456789abcdef0123456789";
  resetEnvCache();
  const g = globalThis as unknown as { miniportalDb?: Db };
  try {
    await migrateDatabase(env().databaseUrl);
    g.miniportalDb = createDb(env().databaseUrl);
    const t0 = performance.now();
    await seal({ ownerId: "bench", table: "Note", rowId: "warmup" }, "x"); // initialises the vault: scrypt once
    console.log(`Vault open (scrypt KEK derivation + key unwrap, once per process): ${fmt(performance.now() - t0)}`);
    console.log("\nsize      op       n      p50        p95        max");
    for (const [label, kib, n] of [
      ["1 KiB", 1, 2000],
      ["16 KiB", 16, 1000],
      ["256 KiB", 256, 200],
    ] as const) {
      const text = "lorem ipsum dolor sit amet, ✓ ".repeat(Math.ceil((kib * 1024) / 31)).slice(0, kib * 1024);
      const enc: number[] = [];
      const dec: number[] = [];
      for (let i = 0; i < n; i++) {
        const binding = { ownerId: "bench", table: "Note" as const, rowId: `row-${i}` };
        let s = performance.now();
        const sealed = await seal(binding, text);
        enc.push(performance.now() - s);
        s = performance.now();
        const back = await unseal(binding, sealed);
        dec.push(performance.now() - s);
        if (back.length !== text.length) throw new Error("round trip failed");
      }
      for (const [op, samples] of [
        ["encrypt", enc],
        ["decrypt", dec],
      ] as const) {
        const r = summary(samples);
        console.log(
          `${label.padEnd(9)} ${op.padEnd(8)} ${String(r.n).padEnd(6)} ${fmt(r.p50).padEnd(10)} ${fmt(r.p95).padEnd(10)} ${fmt(r.max)}`,
        );
      }
    }
  } finally {
    await g.miniportalDb?.$disconnect();
    g.miniportalDb = undefined;
    process.env = saved;
    resetEnvCache();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPage(url: string, rounds: number): Promise<void> {
  const base = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname))
    throw new Error("--url must be a loopback address (127.0.0.1, localhost, [::1])");
  const email = `bench-${Date.now().toString(36)}@example.org`;
  const password = "bench student passphrase 7319";
  const invite = await issueInvite({ email, name: "Bench Student", role: "student", actorId: null });
  const redeemed = await redeemInvite({ token: invite.token, password });
  await db().$disconnect();
  if (!redeemed.ok) throw new Error(`could not create the bench student (${redeemed.kind})`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ baseURL: base.origin, viewport: { width: 1280, height: 900 } });
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/me$/);
    await page.goto("/phase/01/notes");
    const editor = page.getByLabel("Journal text (markdown)");
    const status = page.getByTestId("save-status");
    const body = "## Bench note\n\n" + "A line of journal text with **markdown**.\n".repeat(380); // about 16 KiB
    const saves: number[] = [];
    const reloads: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const text = `${body}\nround ${i}`;
      await editor.fill(text);
      let s = performance.now();
      await editor.press("ControlOrMeta+s");
      await status.getByText(`version ${i + 1}`).waitFor();
      saves.push(performance.now() - s);
      s = performance.now();
      await page.reload();
      // The editor (CodeMirror) is up, and the saved text is on the page (the preview shows it whole).
      await page.waitForFunction(
        (expected) =>
          document.querySelector("#note-text .cm-line") !== null &&
          Boolean(document.querySelector("[data-testid=note-preview]")?.textContent?.includes(expected)),
        `round ${i}`,
      );
      reloads.push(performance.now() - s);
    }
    console.log(`\nNotes page against ${base.origin} (16 KiB note, ${rounds} rounds, Chromium):`);
    for (const [label, samples] of [
      ["save (Ctrl+S → saved)", saves],
      ["reload (→ text in editor)", reloads],
      ["save + reload", saves.map((v, i) => v + reloads[i]!)],
    ] as const) {
      const r = summary(samples);
      console.log(`  ${label.padEnd(26)} p50 ${fmt(r.p50).padEnd(10)} p95 ${fmt(r.p95).padEnd(10)} max ${fmt(r.max)}`);
    }
    const typing = await typingLatency(browser, page, NOTE_MAX_BYTES - 64);
    const portal = summary(typing.portal);
    const bare = summary(typing.bare);
    console.log(
      `\nTyping in a ${NOTE_MAX_BYTES - 64}-byte note (${typing.keys} keys ${typing.delayMs} ms apart, keydown → next frame):`,
    );
    for (const [label, r] of [
      ["journal editor", portal],
      ["bare textarea, same text", bare],
    ] as const)
      console.log(`  ${label.padEnd(26)} p50 ${fmt(r.p50).padEnd(10)} p95 ${fmt(r.p95).padEnd(10)} max ${fmt(r.max)}`);
    console.log(
      `  editor / bare: p50 ×${(portal.p50 / bare.p50).toFixed(2)}, p95 ×${(portal.p95 / bare.p95).toFixed(2)} (aim: p50 under 50 ms)`,
    );
  } finally {
    await browser.close();
  }
}

await runScript(async () => {
  const flags = parseFlags(process.argv.slice(2));
  await benchCrypto();
  if (typeof flags.url === "string") {
    const rounds = Math.min(200, Math.max(1, Number(flags.rounds ?? 30) || 30));
    await benchPage(flags.url, rounds);
  } else {
    console.log("\n(pass --url http://127.0.0.1:PORT to also measure save-and-reload of the notes page)");
  }
});
