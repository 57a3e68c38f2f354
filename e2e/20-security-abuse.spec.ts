// Rate limits and hostile input against the running server (issue 4, items 1, 7, 8).
// Abuse traffic goes to http://[::1]:port, a different client address from the
// 127.0.0.1 the other specs use, so the blocks it provokes do not spill over.
import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import type { APIResponse } from "@playwright/test";
import { adminEmail } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { signInContext } from "./support/seed";
import { delta, scrapeMetrics } from "./support/metrics";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_LOG_FILE } from "./support/server-config";
import { IPV6_BASE_URL, action, postAction, routeHandlers, serverActions } from "./20-security-helpers";
import { limit } from "./support/time-limits";

test.describe.configure({ timeout: limit(180_000) });

test("the 11th failed sign-in from one address within 60 s is refused with Retry-After, whatever X-Forwarded-For claims", async ({
  page,
  request,
}) => {
  expect((await request.get(`${IPV6_BASE_URL}/health`)).status(), "the portal must also listen on ::1").toBe(200);
  const login = action("loginAction");
  const before = await scrapeMetrics(request);
  const started = Date.now();
  for (let i = 1; i <= 10; i++) {
    // A different account and a different (spoofed) forwarded address each time.
    const response = await postAction(
      request,
      IPV6_BASE_URL,
      login,
      { email: `nobody-${i}-${started}@example.org`, password: "wrong password number " + i },
      { "x-forwarded-for": `203.0.113.${i}` },
    );
    expect(response.status(), `attempt ${i}`).toBe(200);
    expect(await response.text()).toContain("do not match");
  }
  const eleventh = await postAction(
    request,
    IPV6_BASE_URL,
    login,
    { email: `someone-else-${started}@example.org`, password: "another wrong password" },
    { "x-forwarded-for": "198.51.100.77" },
  );
  expect(Date.now() - started).toBeLessThan(60_000);
  // The sign-in form's action answers it (issue 25: the form and its email stay), never a 5xx.
  expect(eleventh.status()).toBe(200);
  const retryAfter = Number(eleventh.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(await eleventh.text()).toMatch(/Too many attempts\. Please wait \d+ seconds?/);
  // Anything else posted to /login is refused by the proxy: a readable page for a browser, JSON for an API client.
  const html = await request.post(`${IPV6_BASE_URL}/login`, {
    form: { email: "x@example.org" },
    headers: { accept: "text/html", origin: IPV6_BASE_URL },
  });
  expect(html.status()).toBe(429);
  expect(await html.text()).toContain("<h1>Too many attempts</h1>");
  // A person using the form sees the wait inside the form, with the email still typed in.
  await page.goto(`${IPV6_BASE_URL}/login`);
  await page.getByLabel("Email").fill(`blocked-${started}@example.org`);
  await page.getByLabel("Password").fill("still the wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("status")).toHaveText(/Too many attempts\. Please wait \d+ seconds?/);
  await expect(page.getByLabel("Email")).toHaveValue(`blocked-${started}@example.org`);
  await expect(page.getByRole("heading", { name: "Please wait a moment" })).toHaveCount(0);
  const after = await scrapeMetrics(request);
  expect(delta(before, after, "portal_ratelimit_blocks_total", { scope: "ip" })).toBe(3);

  // The key is the real peer: 127.0.0.1 is not blocked by what ::1 did.
  const other = await postAction(request, E2E_BASE_URL, login, {
    email: `nobody-v4-${started}@example.org`,
    password: "a wrong password",
  });
  expect(other.status()).toBe(200);

  // One warning line per block, with request id, route and status, and no secrets.
  const lines = readFileSync(E2E_LOG_FILE, "utf8")
    .split("\n")
    .filter((l) => l.includes('"security.rate_limited"'));
  expect(lines.length).toBeGreaterThanOrEqual(2);
  const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  expect(last).toMatchObject({ level: "warn", status: 429, route: "/login", scope: "ip" });
  expect(typeof last.request_id).toBe("string");
  expect(lines.join("\n")).not.toMatch(/someone-else|wrong password|example\.org/);
});

test("failed invite redemptions are limited per address", async ({ request }) => {
  const redeem = action("redeemInviteAction");
  for (let i = 1; i <= 10; i++) {
    const token = createHash("sha256").update(String(i)).digest("base64url").slice(0, 43);
    const response = await postAction(
      request,
      IPV6_BASE_URL,
      { ...redeem, path: `/invite/${token}` },
      { token, password: "some long passphrase here", confirm: "some long passphrase here" },
    );
    expect(response.status(), `attempt ${i}`).toBe(200);
    expect(await response.text()).toContain("not valid");
  }
  const blocked = await postAction(
    request,
    IPV6_BASE_URL,
    { ...redeem, path: "/invite/abc" },
    { token: "abc", password: "x", confirm: "x" },
  );
  expect(blocked.status()).toBe(429);
  expect(blocked.headers()["retry-after"]).toMatch(/^\d+$/);
});

// ---- hostile input at scale -------------------------------------------------

const DB_FILE = path.join(E2E_DATA_DIR, "miniportal.db");

/**
 * The columns a request could change, where a table also changes on its own clock: session
 * touches, the mail sender's delivery progress, and the daily mail run (18:00 in the student's
 * zone, which marks each student's day and enqueues reminders and digests whatever the request).
 */
const OWN_CLOCK: Record<string, { skip: string[]; only?: string[]; keep?: (row: Record<string, unknown>) => boolean }> =
  {
    AuthSession: { skip: [], only: ["id", "userId", "revokedAt"] },
    User: { skip: ["dailyMailOn", "digestedUntil", "updatedAt"] },
    OutboxMessage: {
      skip: [
        "status",
        "attempts",
        "nextAttemptAt",
        "claimedAt",
        "claimedBy",
        "lastError",
        "sentAt",
        "ciphertext",
        "iv",
        "keyId",
      ],
      keep: (row) => row.kind !== "reminder" && row.kind !== "digest",
    },
  };

/** A fingerprint of every table a refused request must not change (the audit log and session touches aside). */
function fingerprint(): string {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('event_log','_prisma_migrations') ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const hash = createHash("sha256");
    for (const table of tables) {
      const own = OWN_CLOCK[table];
      const rows = (db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[])
        .filter((row) => own?.keep?.(row) ?? true)
        .map((row) =>
          own
            ? Object.fromEntries(
                Object.entries(row).filter(([k]) => (own.only ? own.only.includes(k) : !own.skip.includes(k))),
              )
            : row,
        );
      hash
        .update(table)
        .update(JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("base64") : v)));
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e\u202d",
    "../../../etc/passwd",
    "..%2f..%2f",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${7*7}",
    "{{7*7}}",
    "\r\nSet-Cookie: x=1",
    "null",
    "undefined",
    "[]",
    "{}",
    "NaN",
    "-1",
    "1e309",
    "🙂".repeat(500),
    "a".repeat(70_000),
    "\ud800",
    "x@x",
    "@",
    "admin@localhost.localdomain",
  ),
  fc
    .array(
      fc.constantFrom("\u0000", "\u0007", "\u001b", "\u200b", "\ufeff", "\uffff", "é", "ﬃ", "𝔄", "/", "\\", "..", "%"),
      { maxLength: 30 },
    )
    .map((a) => a.join("")),
);

/** A form whose email field is a binary file (a wrong type), root arguments last. */
function withFile(): FormData {
  const form = new FormData();
  form.append("_1_email", new Blob([Buffer.alloc(2048, 1)], { type: "application/octet-stream" }), "x.bin");
  form.append("_1_password", "x");
  form.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return form;
}

type Probe = { label: string; send: () => Promise<APIResponse> };

function isRefused(status: number, body: string): boolean {
  return status >= 400 || /"status":"error"/.test(body);
}

async function check(probe: Probe, failures: string[]): Promise<void> {
  const before = fingerprint();
  const response = await probe.send();
  const status = response.status();
  const body = await response.text();
  if (status >= 500) failures.push(`${probe.label}: ${status}`);
  if (status >= 400 && status < 500 && status !== 404 && body.trim().length === 0)
    failures.push(`${probe.label}: ${status} without a message`);
  if (/"status":"error"/.test(body) && !/"message":"[^"]+"/.test(body))
    failures.push(`${probe.label}: error state without a message`);
  if (/at \w+ \(|node_modules|\.tsx?:\d+/.test(body)) failures.push(`${probe.label}: stack trace in the body`);
  if (isRefused(status, body) && fingerprint() !== before)
    failures.push(`${probe.label}: refused (${status}) but the database changed`);
}

function fieldsOf(names: string[], values: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n, i) => [n, values[i % values.length] ?? ""]));
}

test("hostile input to every server action and route handler: no 5xx, clear 4xx, database unchanged when refused", async ({
  adminPage,
  newContext,
  newStudent,
  request,
}) => {
  const student = await newStudent("Fuzz Student");
  const cookieHeader = (cookies: { name: string; value: string }[]) =>
    cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const studentCookie = cookieHeader(await student.context.cookies());
  // A session of the admin's own for the fuzzing: its writes spend that session's
  // budget, not the one the worker's other specs share through adminPage.
  const email = adminEmail();
  expect(email, "adminPage has made the admin").toBeTruthy();
  expect(adminPage.url()).toBeTruthy();
  const fuzzAdmin = await newContext();
  await signInContext(fuzzAdmin, email!);
  const adminCookie = cookieHeader(await fuzzAdmin.cookies());
  const fieldNames = [
    "email",
    "password",
    "confirm",
    "current",
    "name",
    "studentId",
    "token",
    "body",
    "version",
    "cardId",
    "grade",
    "phase",
    "answers",
    "attemptId",
    "q1",
    "$ACTION_ID_x",
  ];

  const samples = fc.sample(fc.tuple(fc.array(hostileString, { minLength: 1, maxLength: 6 }), fc.nat()), {
    numRuns: 300,
    seed: 20261122,
  });
  // Test-support actions fail on purpose (error-reporting specs), like the test-support handlers skipped below.
  const actions = serverActions().filter(
    (a) => a.name !== "logoutAction" && a.name !== "logoutEverywhereAction" && !a.path.startsWith("/test-support"),
  );
  const handlers = routeHandlers().filter((p) => !p.startsWith("/test-support") && p !== "/metrics");
  const probes: Probe[] = [];
  samples.forEach(([values, n], i) => {
    const target = actions[n % actions.length]!;
    const cookie = target.file.startsWith("app/admin/") ? adminCookie : i % 3 === 0 ? "" : studentCookie;
    const names = fieldNames.slice(n % 5, (n % 5) + 8);
    probes.push({
      label: `${target.name} #${i}`,
      send: () => postAction(request, IPV6_BASE_URL, target, fieldsOf(names, values), cookie ? { cookie } : {}),
    });
    if (i % 4 === 0) {
      const handler = handlers[n % handlers.length]!;
      const value = encodeURIComponent(values[0] ?? "").slice(0, 2000);
      probes.push({
        label: `GET ${handler} #${i}`,
        send: () => request.get(`${IPV6_BASE_URL}${handler}?q=${value}`, { maxRedirects: 0 }),
      });
      probes.push({
        label: `POST ${handler} #${i}`,
        send: () =>
          request.post(`${IPV6_BASE_URL}${handler}`, {
            form: fieldsOf(["email", "password", "csrfToken"], values),
            headers: { origin: IPV6_BASE_URL },
            maxRedirects: 0,
          }),
      });
    }
    if (i % 10 === 0) {
      // Path tricks against dynamic routes.
      const segment = encodeURIComponent((values[0] ?? "x").slice(0, 300)) || "x";
      for (const p of [
        `/invite/${segment}`,
        `/phase/${segment}`,
        `/phase/01/exam/${segment}`,
        `/admin/students/${segment}`,
      ]) {
        probes.push({
          label: `GET ${p.slice(0, 40)} #${i}`,
          send: () =>
            request.get(`${IPV6_BASE_URL}${p}`, {
              headers: { cookie: p.startsWith("/admin") ? adminCookie : studentCookie },
              maxRedirects: 0,
            }),
        });
      }
    }
  });
  // Wrong types: a file where a string is expected, and a repeated field.
  for (const target of actions) {
    probes.push({
      label: `${target.name} with a file`,
      send: () =>
        request.post(`${IPV6_BASE_URL}${target.path}`, {
          multipart: withFile(),
          headers: {
            accept: "text/x-component",
            "next-action": target.id,
            origin: IPV6_BASE_URL,
            cookie: target.file.startsWith("app/admin/") ? adminCookie : studentCookie,
          },
          maxRedirects: 0,
        }),
    });
  }

  const failures: string[] = [];
  for (const probe of probes) await check(probe, failures);
  console.log(`hostile-input probes: ${probes.length}, failures: ${failures.length}`);
  expect(probes.length).toBeGreaterThan(300);
  expect(failures).toEqual([]);
});
