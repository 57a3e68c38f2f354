// The security review's findings against the built portal (issue 12) and the
// storage-fault behaviour of a save (issue 10, item 5). Abuse traffic goes to
// http://[::1]:port so its rate-limit keys do not touch the other specs' 127.0.0.1.
import { request as httpRequest } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import type { APIRequestContext, Page } from "@playwright/test";
import { STUDENT_PASSWORD, signIn } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { expectNoteText, noteEditor } from "./support/note-editor";
import { delta, scrapeMetrics } from "./support/metrics";
import { postActionFrom } from "./support/scale-out";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT } from "./support/server-config";
import { IPV6_BASE_URL, action, postAction, serverActions } from "./20-security-helpers";
import { limit } from "./support/time-limits";

test.describe.configure({ timeout: limit(180_000) });

const serverErrors = async (request: APIRequestContext) => {
  const samples = await scrapeMetrics(request);
  return samples.filter((s) => s.name === "portal_server_errors_total").reduce((sum, s) => sum + s.value, 0);
};

/** A raw request line: the path goes out byte for byte, not normalised by a URL parser. */
function raw(
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
  body = "",
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "::1",
        port: E2E_PORT,
        method,
        path: rawPath,
        headers: {
          host: `[::1]:${E2E_PORT}`,
          ...headers,
          ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("no 5xx an anonymous client can choose: raw paths, encodings and action payload shapes", async ({ request }) => {
  const before = await serverErrors(request);
  const failures: string[] = [];
  const expect4xx = (label: string, r: { status: number; body: string }) => {
    if (r.status < 400 || r.status >= 500) failures.push(`${label}: ${r.status}`);
    else if (r.status !== 404 && !r.body.trim()) failures.push(`${label}: ${r.status} without a message`);
  };
  const notFiveHundred = (label: string, r: { status: number }) =>
    r.status >= 500 && failures.push(`${label}: ${r.status}`);

  const encodings = [
    "%ff",
    "%c0%af",
    "%e0%80%80",
    "%ed%a0%80",
    "%",
    "%zz",
    "%2",
    "%00",
    "%ff%fe",
    "%f0%9f%99",
    "%25ff",
  ];
  for (const bad of encodings) {
    for (const template of [
      "/invite/X",
      "/phase/X/notes",
      "/phase/X",
      "/admin/students/X",
      "/X",
      "/phase/01/exam/X",
      "/api/auth/X",
    ]) {
      const p = template.replace("X", bad);
      const r = await raw("GET", p);
      // "%25ff" decodes fine (to "%ff"): it must simply not be a 5xx.
      if (bad === "%25ff" || bad === "%00") notFiveHundred(`GET ${p}`, r);
      else expect4xx(`GET ${p}`, r);
      notFiveHundred(`POST ${p}`, await raw("POST", p, { "content-type": "text/plain" }, "x"));
    }
  }
  expect4xx("providers with a bad callbackUrl", await raw("GET", "/api/auth/providers?callbackUrl=http://x:99999"));
  expect4xx("csrf with a bad callbackUrl", await raw("GET", "/api/auth/csrf?callbackUrl=http://x:99999"));

  const login = action("loginAction");
  const shapes: [string, Record<string, string>, string][] = [
    ["JSON object body", { "content-type": "text/plain;charset=UTF-8" }, '{"a":1}'],
    [
      "JSON args without a form",
      { "content-type": "text/plain;charset=UTF-8" },
      '[{"status":"idle"},{"email":"a@b.c"}]',
    ],
    ["not JSON", { "content-type": "text/plain" }, "not json at all"],
    ["deeply nested", { "content-type": "text/plain" }, "[".repeat(20_000) + "]".repeat(20_000)],
    ["deeply nested objects", { "content-type": "text/plain" }, '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000)],
    ["url-encoded", { "content-type": "application/x-www-form-urlencoded" }, "a=b"],
    ["json type", { "content-type": "application/json" }, "[]"],
    ["no type", {}, "[]"],
    ["multipart without boundary", { "content-type": "multipart/form-data" }, "--x\r\n"],
    [
      "multipart without the argument list",
      { "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="1_email"\r\n\r\na\r\n--x--\r\n',
    ],
    [
      "multipart with an object as argument list",
      { "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n{"a":1}\r\n--x--\r\n',
    ],
    [
      "multipart with a deep argument list",
      { "content-type": "multipart/form-data; boundary=x" },
      `--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n${"[".repeat(9_000)}${"]".repeat(9_000)}\r\n--x--\r\n`,
    ],
    [
      "multipart with one argument",
      { "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--x--\r\n',
    ],
  ];
  for (const target of serverActions()) {
    for (const [label, headers, body] of shapes) {
      const r = await raw("POST", target.path, { "next-action": target.id, origin: IPV6_BASE_URL, ...headers }, body);
      notFiveHundred(`${target.name} ${label}`, r);
    }
  }
  // An action id this page does not have, and one that does not exist.
  expect4xx(
    "loginAction posted to /me",
    await raw("POST", "/me", { "next-action": login.id, "content-type": "text/plain" }, "[]"),
  );
  expect4xx(
    "loginAction posted to /review",
    await raw("POST", "/review", { "next-action": login.id, "content-type": "text/plain" }, "[]"),
  );
  expect4xx(
    "an unknown action id",
    await raw("POST", "/login", { "next-action": "7f" + "0".repeat(40), "content-type": "text/plain" }, "[]"),
  );
  expect4xx(
    "a garbage action id",
    await raw("POST", "/login", { "next-action": "../../x", "content-type": "text/plain" }, "[]"),
  );

  expect(failures).toEqual([]);
  expect(await serverErrors(request)).toBe(before);
});

test("the proxy runs on everything but the static assets it means to skip", async ({ request }) => {
  for (const p of ["/favicon_ico/x", "/_next/staticX", "/_next/imageX", "/favicon.icox"]) {
    const response = await request.get(`${E2E_BASE_URL}${p}`, { maxRedirects: 0 });
    expect(response.headers()["content-security-policy"], p).toContain("frame-ancestors 'none'");
  }
});

test("next-auth's own endpoints are not served", async ({ request }) => {
  for (const p of [
    "/api/auth/providers",
    "/api/auth/session",
    "/api/auth/csrf",
    "/api/auth/signin",
    "/api/auth/signout",
    "/api/auth/callback/credentials",
  ]) {
    expect((await request.get(`${E2E_BASE_URL}${p}`)).status(), `GET ${p}`).toBe(404);
    const post = await request.post(`${E2E_BASE_URL}${p}`, {
      form: { email: "a@example.org", password: "x", csrfToken: "x" },
      headers: { origin: E2E_BASE_URL },
    });
    expect(post.status(), `POST ${p}`).toBe(404);
    expect(post.headers()["set-cookie"] ?? "", `POST ${p} sets no cookie`).toBe("");
  }
});

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === "miniportal.session");
  expect(cookie, "signed in").toBeTruthy();
  return `miniportal.session=${cookie!.value}`;
}

async function replayOpensMe(request: APIRequestContext, cookie: string): Promise<boolean> {
  const response = await request.get(`${E2E_BASE_URL}/me`, { headers: { cookie }, maxRedirects: 0 });
  return response.status() === 200;
}

test("a replayed session cookie opens nothing after every way out", async ({ newStudent, request }) => {
  const student = await newStudent("Replay Student");
  const { page } = student;

  // 1. The header's Sign out button.
  let old = await sessionCookie(page);
  expect(await replayOpensMe(request, old)).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await replayOpensMe(request, old)).toBe(false);

  // 2. POST /api/auth/signout is not a way out at all: not served, the session stays valid.
  await signIn(page, student.email, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  old = await sessionCookie(page);
  expect(
    (
      await request.post(`${E2E_BASE_URL}/api/auth/signout`, { headers: { cookie: old, origin: E2E_BASE_URL } })
    ).status(),
  ).toBe(404);
  expect(await replayOpensMe(request, old)).toBe(true);

  // 3. Sign out everywhere.
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await replayOpensMe(request, old)).toBe(false);

  // 4. A password change ends every other session.
  await signIn(page, student.email, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  old = await sessionCookie(page);
  await page.goto("/account");
  await page.getByLabel("Current password").fill(STUDENT_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase for replay");
  await page.getByLabel("Repeat the new password").fill("a brand new passphrase for replay");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed")).toBeVisible();
  expect(await replayOpensMe(request, old)).toBe(false);
  expect(await replayOpensMe(request, await sessionCookie(page))).toBe(true);
});

test("50 parallel wrong passwords from one address: 10 are evaluated", async ({ newStudent, request }) => {
  const student = await newStudent("Parallel Target");
  await student.context.close(); // the target's own browser stays out of it
  const login = action("loginAction");
  const before = await scrapeMetrics(request);
  // From an address of its own (127.0.0.21): no other spec's failures share its budget.
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      postActionFrom("127.0.0.21", E2E_BASE_URL, login, { email: student.email, password: `wrong guess number ${i}` }),
    ),
  );
  const bodies = responses.map((r) => `${r.status} ${r.body}`);
  expect(bodies.filter((b) => b.includes("do not match"))).toHaveLength(10);
  expect(bodies.filter((b) => /Too many attempts/.test(b))).toHaveLength(40);
  const after = await scrapeMetrics(request);
  expect(delta(before, after, "portal_login_attempts_total", { ok: "false" })).toBe(10);
  // The student, from their own address, is not locked out by a stranger's guesses.
  const own = await postAction(request, E2E_BASE_URL, login, { email: student.email, password: STUDENT_PASSWORD });
  expect(own.status()).toBeLessThan(400);
  // Signed in: the action redirects to the dashboard. (The body is then /me's payload, which
  // carries the interface's messages, refusals included, so it is not searched for them.)
  expect(own.headers()["x-action-redirect"] ?? "").toMatch(/^\/me\b/);
});

test("a decoy __Host- cookie does not dodge the per-session write limit", async ({ newStudent, request }) => {
  const student = await newStudent("Decoy Writer");
  const real = await sessionCookie(student.page);
  const save = action("saveNoteAction");
  const statuses: number[] = [];
  for (let i = 0; i < 125; i++) {
    const decoy = `__Host-miniportal.session=decoy-${i}-${Math.random().toString(36).slice(2)}`;
    const response = await postAction(
      request,
      IPV6_BASE_URL,
      { ...save, path: "/phase/01/notes" },
      { phase: "1", baseVersion: "0", text: `write ${i}` },
      { cookie: `${decoy}; ${real}` },
    );
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
  expect(statuses.slice(120).every((s) => s === 429)).toBe(true);
});

test("a save that cannot be written (lock timeout) is a clear error, counted as a 5xx; the text stays; reads work", async ({
  newStudent,
  request,
}) => {
  const student = await newStudent("Locked Out Writer");
  const { page } = student;
  await page.goto("/phase/02/notes");
  const text = "words that must survive a storage fault";
  await noteEditor(page).fill(text);
  const before = await scrapeMetrics(request);
  const lock = new Database(path.join(E2E_DATA_DIR, "miniportal.db"));
  lock.exec("BEGIN EXCLUSIVE");
  try {
    await page.keyboard.press("Control+s");
    await expect(page.getByText(/could not save this because its database stayed locked/)).toBeVisible({
      timeout: limit(20_000),
    });
    await expect(page.getByText(/could not be reached/)).toHaveCount(0);
    await expect(page.getByText(/changed in another tab/)).toHaveCount(0);
    await expectNoteText(noteEditor(page), text);
    // Reads keep working while the write lock is held.
    expect((await request.get(`${E2E_BASE_URL}/login`)).status()).toBe(200);
  } finally {
    lock.exec("ROLLBACK");
    lock.close();
  }
  const after = await scrapeMetrics(request);
  expect(delta(before, after, "portal_server_errors_total", { route: "/phase/[nn]/notes", status: "500" })).toBe(1);
  // Once the lock is gone the same text saves.
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toContainText("version 1");
});
