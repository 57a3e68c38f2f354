// Traces from the real portal (MINIPORTAL_OTLP_ENDPOINT points at the loopback
// receiver global-setup started): service name, manual spans, templated URLs,
// /health and /metrics untraced. Then a second portal process whose collector is
// unreachable: requests still succeed, and about as fast.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { freePort } from "../tests/ops/prometheus-local";
import { signIn } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { expectNoteText, noteEditor } from "./support/note-editor";
import type { ReceivedSpan } from "./support/otlp-receiver";
import { scrapeMetricsText } from "./support/metrics";
import { E2E_APP_DIR, E2E_BASE_URL, E2E_ENV, E2E_SPANS_FILE } from "./support/server-config";
import { limit } from "./support/time-limits";

function receivedSpans(): ReceivedSpan[] {
  if (!existsSync(E2E_SPANS_FILE)) return [];
  return readFileSync(E2E_SPANS_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReceivedSpan);
}

async function saveNote(page: Page, text: string): Promise<void> {
  await page.goto("/phase/01/notes");
  await noteEditor(page).fill(text);
  await noteEditor(page).press("ControlOrMeta+s");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
}

test("spans arrive as service miniportal with the manual span names; /health and /metrics are not traced", async ({
  newStudent,
  newContext,
  request,
}) => {
  const student = await newStudent("Traced Student");
  const already = receivedSpans().length;
  // A sign-in inside this test's window: auth.argon2_verify.
  const again = await (await newContext()).newPage();
  await signIn(again, student.email, student.password);
  await expect(again).toHaveURL(/\/me$/);
  await saveNote(student.page, "a traced journal entry");
  await student.page.reload(); // vault.decrypt
  await expectNoteText(noteEditor(student.page), "a traced journal entry");
  expect((await request.get("/health")).status()).toBe(200);
  await scrapeMetricsText(request);

  await expect
    .poll(
      () => {
        const names = receivedSpans()
          .slice(already)
          .map((s) => s.name);
        return (
          ["auth.argon2_verify", "vault.decrypt"].every((n) => names.includes(n)) &&
          names.some((n) => /^GET \/phase\/\[nn\]\/notes$/.test(n))
        );
      },
      { timeout: limit(20_000) },
    )
    .toBe(true);

  const spans = receivedSpans();
  expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["miniportal"]));
  const argon = spans.find((s) => s.name === "auth.argon2_verify")!;
  expect(argon.parentSpanId).not.toBe(""); // inside the login request's trace
  expect(spans.find((s) => s.name === "vault.decrypt")!.attributes).toMatchObject({
    "vault.table": expect.any(String),
  });
  for (const s of spans) {
    const where = `${s.name} ${JSON.stringify(s.attributes)}`;
    expect(where).not.toMatch(/\/(health|metrics)\b/);
    expect(where).not.toMatch(/\/phase\/\d|\/invite\/[A-Za-z0-9_-]{20,}/);
  }
  console.log(`received ${spans.length} spans: ${[...new Set(spans.map((s) => s.name))].sort().join(", ")}`);
});

async function timedGets(
  api: APIRequestContext,
  base: string,
  path: string,
  n: number,
): Promise<{ statuses: number[]; ms: number[] }> {
  const statuses: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    statuses.push((await api.get(`${base}${path}`, { maxRedirects: 0, failOnStatusCode: false })).status());
    ms.push(performance.now() - t);
  }
  return { statuses, ms };
}
const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

test("an unreachable collector neither fails nor slows requests", async ({ request }) => {
  test.setTimeout(limit(120_000));
  const closedPort = await freePort(); // nothing listens here
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: E2E_APP_DIR,
      env: {
        ...process.env,
        ...E2E_ENV,
        PORT: String(port),
        MINIPORTAL_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}`,
        MINIPORTAL_LOG_LEVEL: "warn",
      },
      stdio: "ignore",
      detached: true,
    },
  );
  try {
    await expect
      .poll(
        async () => (await request.get(`${base}/health`, { failOnStatusCode: false }).catch(() => null))?.status(),
        { timeout: limit(60_000) },
      )
      .toBe(200);
    // Warm both, then interleave rounds so drift hits both alike.
    await timedGets(request, base, "/login", 5);
    await timedGets(request, E2E_BASE_URL, "/login", 5);
    const dead = { statuses: [] as number[], ms: [] as number[] };
    const live = { statuses: [] as number[], ms: [] as number[] };
    for (let round = 0; round < 6; round++) {
      const d = await timedGets(request, base, "/login", 10);
      const l = await timedGets(request, E2E_BASE_URL, "/login", 10);
      dead.statuses.push(...d.statuses);
      dead.ms.push(...d.ms);
      live.statuses.push(...l.statuses);
      live.ms.push(...l.ms);
      await new Promise((r) => setTimeout(r, 300)); // let the failing exports fire in between
    }
    console.log(
      `GET /login, collector unreachable: p50 ${pct(dead.ms, 0.5).toFixed(1)} ms, p95 ${pct(dead.ms, 0.95).toFixed(1)} ms`,
    );
    console.log(
      `GET /login, collector reachable:   p50 ${pct(live.ms, 0.5).toFixed(1)} ms, p95 ${pct(live.ms, 0.95).toFixed(1)} ms`,
    );
    expect(new Set(dead.statuses)).toEqual(new Set([200]));
    expect(new Set(live.statuses)).toEqual(new Set([200]));
    // Generous: an exporter that blocked requests would add its connect/timeout to every one.
    expect(pct(dead.ms, 0.5)).toBeLessThan(pct(live.ms, 0.5) * 3 + 50);
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
});
