// Error reporting end to end: the portal runs with SENTRY_DSN pointing at the
// loopback receiver global-setup started (e2e/support/sentry-receiver.ts). Errors
// thrown in a route handler, a server action, while rendering, and in the browser
// arrive with their route template, request id, release and environment (and the
// user id, where a user is signed in), and none of the planted secrets arrives.
import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "./support/fixtures";
import { type ReceivedEnvelope } from "./support/sentry-receiver";
import { E2E_ENV, E2E_PORT, E2E_SENTRY_FILE, PLANTED } from "./support/server-config";
import { limit } from "./support/time-limits";

type SentryEvent = {
  tags?: Record<string, string>;
  release?: string;
  environment?: string;
  user?: Record<string, string>;
  exception?: { values: { type: string; value: string }[] };
};

const NOTE = "PLANTED note text: my private reflection 5e1c";
const PASSWORD = "PLANTED form password 77d2";
const BEARER = "PLANTEDbearerTokenValue0123456789abcdef";
const QUERY = "PLANTEDqueryToken9f8e7d6c5b4a";

function envelopes(): ReceivedEnvelope[] {
  if (!existsSync(E2E_SENTRY_FILE)) return [];
  return readFileSync(E2E_SENTRY_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReceivedEnvelope);
}

/** The event for this route; with a request id, that request's event (earlier specs hit the same routes). */
async function eventFor(routeType: string, route: string, requestId?: string): Promise<SentryEvent> {
  let found: SentryEvent | undefined;
  await expect
    .poll(
      () =>
        (found = envelopes()
          .flatMap((e) => e.events as SentryEvent[])
          .find(
            (e) =>
              e.tags?.route_type === routeType &&
              e.tags?.route === route &&
              (requestId === undefined || e.tags?.request_id === requestId),
          )),
      {
        timeout: limit(20_000),
        message: `a ${routeType} event for ${route}`,
      },
    )
    .toBeDefined();
  return found!;
}

function expectCommon(event: SentryEvent): void {
  expect(event.release).toMatch(/^miniportal@0\.1\.0(\+[0-9a-f]{12})?$/);
  expect(event.environment).toBe("e2e");
  expect(event.exception?.values[0]?.type).toBe("Error");
}

test("errors from route handlers, actions, rendering and the browser arrive scrubbed and tagged", async ({
  newStudent,
}) => {
  test.setTimeout(limit(240_000)); // four error paths and a new student on a shared, busy machine
  const student = await newStudent("Sentry Student");
  const page = student.page;

  // Route handler, with a bearer token, a query token and the session cookie.
  const response = await page.request.get(`/test-support/server-error?token=${QUERY}`, {
    headers: { authorization: `Bearer ${BEARER}`, "x-request-id": "e2e-sentry-route-0001" },
  });
  expect(response.status()).toBe(500);
  const route = await eventFor("route", "/test-support/server-error", "e2e-sentry-route-0001");
  expectCommon(route);
  expect(route.tags).toMatchObject({ method: "GET", request_id: "e2e-sentry-route-0001" });

  // Server action receiving a note and a password, signed in.
  await page.goto("/test-support/action-error");
  await page.getByLabel("Note").fill(NOTE);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Something went wrong")).toBeVisible();
  const action = await eventFor("action", "/test-support/action-error");
  expectCommon(action);
  expect(action.tags).toMatchObject({ method: "POST", request_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  expect(Object.keys(action.user ?? {})).toEqual(["id"]);
  expect(action.exception?.values[0]?.value).toBe("deliberate action failure (master pass [redacted])");

  // Rendering.
  await page.goto("/test-support/render-error");
  await expect(page.getByText("Something went wrong")).toBeVisible();
  const render = await eventFor("render", "/test-support/render-error");
  expectCommon(render);
  expect(render.exception?.values[0]?.value).toBe("deliberate render failure (auth secret [redacted])");

  // The browser: the SDK chunk loads after hydration, then an event handler throws.
  await page.goto(`/test-support/browser-error?token=${QUERY}`);
  await page.waitForFunction(() =>
    Boolean((globalThis as { miniportalBrowserSentry?: unknown }).miniportalBrowserSentry),
  );
  await page.getByRole("button", { name: "Fail in the browser" }).click();
  const inBrowser = await eventFor("browser", "/test-support/browser-error");
  expectCommon(inBrowser);
  expect(inBrowser.exception?.values[0]?.value).toBe("deliberate browser failure");
  expect(Object.keys(inBrowser.user ?? {})).toEqual(["id"]);
  expect(inBrowser.user?.id).toBe(action.user?.id);

  // Nothing planted arrived, anywhere in any envelope, byte for byte.
  const cookies = (await student.context.cookies()).map((c) => c.value).filter((v) => v.length >= 16);
  expect(cookies.length).toBeGreaterThan(0);
  const raw = envelopes()
    .map((e) => e.raw)
    .join("\n");
  const planted = {
    NOTE,
    PASSWORD,
    BEARER,
    QUERY,
    email: student.email,
    ...PLANTED,
    ...Object.fromEntries(cookies.map((c, i) => [`cookie${i}`, c])),
  };
  for (const [name, value] of Object.entries(planted))
    expect(raw.includes(value), `${name} must not reach Sentry`).toBe(false);
});

test("the tunnel takes reports only from the portal's own pages, and not a flood of them", async ({ request }) => {
  const dsn = E2E_ENV.SENTRY_DSN!;
  const base = `http://[::1]:${E2E_PORT}`; // an address of its own: its budget is untouched by the test above
  const forged = (i: number) =>
    [
      JSON.stringify({ dsn, event_id: `${i}`.padStart(32, "f") }),
      JSON.stringify({ type: "event" }),
      JSON.stringify({ level: "fatal", exception: { values: [{ type: "Error", value: `forged ${i}` }] } }),
    ].join("\n");
  const post = (i: number, headers: Record<string, string>) =>
    request.post(`${base}/monitoring/sentry`, {
      data: forged(i),
      headers: { "content-type": "text/plain", ...headers },
    });

  const anonymous = await post(0, {});
  expect(anonymous.status()).toBe(403);
  expect(await anonymous.text()).toContain("only accepted from the portal's own pages");
  expect((await post(0, { origin: "http://evil.example" })).status()).toBe(403);

  const statuses: number[] = [];
  for (let i = 1; i <= 25; i++) statuses.push((await post(i, { origin: base })).status());
  const accepted = statuses.filter((s) => s === 202).length;
  expect(accepted, statuses.join(",")).toBeGreaterThan(0);
  expect(accepted).toBeLessThanOrEqual(20);
  expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
  const refused = await post(26, { origin: base });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeLessThanOrEqual(600);
  // What got through is at most what the budget allowed.
  await expect
    .poll(
      () =>
        envelopes()
          .flatMap((e) => e.events as SentryEvent[])
          .filter((e) => /forged/.test(JSON.stringify(e))).length,
    )
    .toBe(accepted);
});
