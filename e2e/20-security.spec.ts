// Security properties seen from a browser and from raw HTTP (issue 4): headers and
// CSP, CSRF, route guards behind proxy bypass attempts, sessions, password change,
// cross-student access and the audit log.
import type { BrowserContext, Page } from "@playwright/test";
import { signIn, signInAsAdmin, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { expect, type Student, test } from "./support/fixtures";
import { delta, scrapeMetrics } from "./support/metrics";
import { E2E_BASE_URL } from "./support/server-config";
import { action, postAction, routeHandlers, serverActions } from "./20-security-helpers";

function watchCsp(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to (execute|load)/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

async function studentId(admin: Page, email: string): Promise<string> {
  await admin.goto("/admin/students");
  const href = await admin.getByTestId(`student-${email}`).getByRole("link").first().getAttribute("href");
  const id = href?.split("/").pop();
  if (!id) throw new Error("no student link");
  return id;
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("miniportal.session"));
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

test("every response has the security headers and pages hydrate under the nonce CSP", async ({ page, request }) => {
  const problems = watchCsp(page);
  const login = await page.goto("/login");
  const h = login!.headers();
  const csp = h["content-security-policy"] ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive);
  const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
  // Every script tag in the server's HTML carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const tags = (await login!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  // A second response gets a different nonce.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  // The form works (hydrated React, server action) under the policy.
  await page.getByLabel("Email").fill("nobody@example.org");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("status")).toHaveText(/do not match/);
  await signInAsAdmin(page);
  const students = await page.goto("/admin/students");
  expect(students!.headers()["cache-control"]).toContain("no-store");
  expect(problems, "CSP violations or page errors").toEqual([]);

  for (const path of ["/health", "/no-such-page", "/me"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("a cross-site POST to each server action and route handler gets 403 and is counted", async ({ request }) => {
  const actions = serverActions();
  // RFC 8058 one-click unsubscribe takes cross-site posts by design (mail providers send
  // them; lib/security/proxy-guard.ts): its signed token is its authority, and a forged
  // one gets 404 there (e2e/91-mail-preferences.spec.ts, tests/integration/mail-preferences.test.ts).
  const handlers = routeHandlers().filter(
    (p) => !p.startsWith("/test-support") && !/^\/unsubscribe\/[^/]+\/one-click$/.test(p),
  );
  expect(actions.map((a) => a.name)).toEqual(
    expect.arrayContaining([
      "loginAction",
      "redeemInviteAction",
      "inviteStudentAction",
      "deactivateStudentAction",
      "logoutAction",
    ]),
  );
  expect(handlers).toEqual(expect.arrayContaining(["/health", "/api/auth/callback/credentials"]));
  const variants: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" }, // no Origin at all
    { origin: "http://127.0.0.1.evil.example:3210" },
  ];
  const before = await scrapeMetrics(request);
  let refused = 0;
  for (const target of actions) {
    for (const headers of variants) {
      const response = await request.post(`${E2E_BASE_URL}${target.path}`, {
        multipart: { "0": "[]", "1_email": "a@example.org" },
        headers: { "next-action": target.id, ...headers },
        maxRedirects: 0,
      });
      expect(response.status(), `${target.name} ${JSON.stringify(headers)}`).toBe(403);
      expect(await response.text()).toMatch(/another site/);
      refused++;
    }
  }
  for (const path of handlers) {
    for (const headers of variants) {
      const response = await request.post(`${E2E_BASE_URL}${path}`, {
        form: { email: "a@example.org" },
        headers: { accept: "application/json", ...headers },
        maxRedirects: 0,
      });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect((await response.json()).message).toMatch(/another site/);
      refused++;
    }
  }
  const page = await request.post(`${E2E_BASE_URL}/login`, {
    form: { email: "x" },
    headers: { origin: "https://evil.example", accept: "text/html" },
  });
  expect(page.status()).toBe(403);
  expect(await page.text()).toContain("<h1>Request refused</h1>");
  refused++;
  const after = await scrapeMetrics(request);
  expect(delta(before, after, "portal_csrf_blocks_total")).toBe(refused);
});

async function studentPair(admin: Page, newStudent: (name: string) => Promise<Student>) {
  const a = await newStudent("Student A");
  const b = await newStudent("Student B");
  return { a, b, bId: await studentId(admin, b.email) };
}

test("x-middleware-subrequest does not get past any route's own guard", async ({
  adminPage: admin,
  newStudent,
  request,
}) => {
  const { a, bId } = await studentPair(admin, newStudent);
  const bypass = [
    "proxy:proxy:proxy:proxy:proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    "proxy",
    "middleware",
  ];
  for (const value of bypass) {
    const headers = { "x-middleware-subrequest": value };
    for (const path of ["/admin/students", "/admin/audit", `/admin/students/${bId}`, "/me", "/account"]) {
      const anonymous = await request.get(path, { headers, maxRedirects: 0 });
      expect([303, 307, 308], `anonymous ${path} with ${value}`).toContain(anonymous.status());
      expect(anonymous.headers()["location"]).toMatch(/\/login$/);
    }
    for (const path of ["/admin/students", "/admin/audit", "/admin/exams", `/admin/students/${bId}`]) {
      const asStudent = await a.context.request.get(path, { headers, maxRedirects: 0 });
      expect(asStudent.status(), `student ${path} with ${value}`).toBe(404);
    }
    const direct = await postAction(
      a.context.request,
      E2E_BASE_URL,
      action("deactivateStudentAction"),
      { studentId: bId },
      headers,
    );
    expect(direct.status()).toBe(404);
  }
});

test("student A gets 404 on student B's resources and on every admin action called directly", async ({
  adminPage: admin,
  newStudent,
}) => {
  const { a, b, bId } = await studentPair(admin, newStudent);
  const api = a.context.request;
  for (const path of [
    `/admin/students/${bId}`,
    "/admin/exams",
    `/phase/01/exam/${bId}`,
    "/phase/01/exam/does-not-exist",
    `/admin/students/${bId}?tab=notes`,
  ]) {
    expect((await api.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  const adminActions = serverActions().filter((s) => s.file.startsWith("app/admin/"));
  expect(adminActions.length).toBeGreaterThanOrEqual(3);
  for (const target of adminActions) {
    const response = await postAction(api, E2E_BASE_URL, target, {
      studentId: bId,
      email: uniqueEmail("sneaky"),
      name: "Sneaky",
    });
    expect(response.status(), target.name).toBe(404);
  }
  // B is untouched: still active and signed in.
  await b.page.goto("/me");
  await expect(b.page).toHaveURL(/\/me$/);
  await admin.goto("/admin/students");
  await expect(admin.getByTestId(`student-${b.email}`).getByText("active")).toBeVisible();
});

test("session cookie is hardened and logout ends the session on the server", async ({ newStudent, newContext }) => {
  const s = await newStudent("Cookie Student");
  const cookie = await sessionCookie(s.context);
  expect(cookie.name).toBe("miniportal.session"); // http here; __Host- on https (unit-tested)
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(cookie.secure).toBe(false);

  // A tampered token is no session.
  const tampered = await newContext();
  await tampered.addCookies([
    { ...cookie, value: cookie.value.slice(0, -4) + (cookie.value.endsWith("AAAA") ? "BBBB" : "AAAA") },
  ]);
  expect((await tampered.request.get("/me", { maxRedirects: 0 })).headers()["location"]).toMatch(/\/login$/);

  await s.page.getByRole("button", { name: "Sign out" }).click();
  await expect(s.page).toHaveURL(/\/login$/);
  // The old cookie replayed after logout is refused.
  const replay = await newContext();
  await replay.addCookies([cookie]);
  const page = await replay.newPage();
  await page.goto("/me");
  await expect(page).toHaveURL(/\/login$/);
  const write = await postAction(replay.request, E2E_BASE_URL, action("changePasswordAction"), {
    current: STUDENT_PASSWORD,
    password: "a brand new passphrase here",
    confirm: "a brand new passphrase here",
  });
  // The action does not run: the caller is sent to sign in.
  expect([200, 303]).toContain(write.status());
  expect(write.headers()["x-action-redirect"] ?? write.headers()["location"]).toMatch(/^\/login/);
});

test("changing the password needs the current one and ends every other session; log out everywhere", async ({
  newStudent,
  newContext,
}) => {
  const s = await newStudent("Password Student");
  const other = await newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, s.email, s.password);
  await expect(otherPage).toHaveURL(/\/me$/);

  const page = s.page;
  await page.goto("/account");
  await expect(page.getByTestId("active-sessions")).toHaveText("2");
  const fill = async (current: string, next: string) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("Repeat the new password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await fill("not my password at all", "a fresh passphrase for spring");
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await fill(s.password, "fourteen chars"); // 14 characters
  await expect(page.getByText(/Use at least 15 characters/)).toBeVisible();
  const next = "a fresh passphrase for spring";
  await fill(s.password, next);
  // /account has two forms, each with its status line (the other is the daily new-card limit).
  await expect(page.getByRole("status").filter({ hasText: /Password changed/ })).toBeVisible();

  // This browser stays signed in; the other one is out.
  await page.goto("/me");
  await expect(page).toHaveURL(/\/me$/);
  await otherPage.goto("/me");
  await expect(otherPage).toHaveURL(/\/login$/);
  // Old password no longer works, the new one does.
  await signIn(otherPage, s.email, s.password);
  await expect(otherPage.getByRole("status")).toHaveText(/do not match/);
  await signIn(otherPage, s.email, next);
  await expect(otherPage).toHaveURL(/\/me$/);

  // "Sign out everywhere" ends both.
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await otherPage.goto("/me");
  await expect(otherPage).toHaveURL(/\/login$/);
});

test("the audit log records logins, invites, deactivations and admin views, and filters them", async ({
  adminPage: admin,
  newStudent,
  newContext,
}) => {
  const { email } = await newStudent("Audited Student"); // an invite issued and redeemed
  const stranger = await (await newContext()).newPage();
  await signIn(stranger, email, "wrong password for the audit");
  await expect(stranger.getByRole("status")).toHaveText(/do not match/);
  const id = await studentId(admin, email);
  await admin.goto(`/admin/students/${id}`);
  await admin.goto("/admin/students");
  admin.once("dialog", (d) => d.accept());
  await admin.getByTestId(`student-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`student-${email}`).getByText("disabled")).toBeVisible();

  await admin.goto(`/admin/audit?target=${encodeURIComponent(email)}`);
  const rows = admin.getByTestId("audit-row");
  for (const act of ["invite.issued", "invite.redeemed", "login.failed", "student.viewed", "student.deactivated"]) {
    await expect(rows.filter({ hasText: act }).first(), act).toBeVisible();
  }
  // Filter by action through the form.
  await admin.getByLabel("Action").selectOption("login.failed");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/action=login.failed/);
  const texts = await rows.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((t) => t.includes("login.failed"))).toBe(true);
  // A bad date is reported, not a crash.
  const bad = await admin.goto("/admin/audit?from=2026-13-45&page=-3");
  expect(bad!.status()).toBe(200);
  await expect(admin.getByText(/Some filters were ignored/)).toBeVisible();
});
