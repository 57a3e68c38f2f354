// Issue 13, item 1: a browser's prefetches must never run the export (a route
// handler that decrypts every note, zips them and writes an audit event). A
// student browses dashboard → review → phase → journal with client-side
// navigation, and neither the browser nor the server sees one export request;
// then an explicit click downloads it exactly once.
import { expect, test } from "./support/fixtures";
import { counterValue, scrapeMetrics } from "./support/metrics";
import { limit } from "./support/time-limits";

const EXPORT_ROUTE = { route: "/me/export", method: "GET" };
const ROUTE_HANDLERS = /^\/(me\/export|metrics|health|api\/auth|test-support)(\/|$)/;

test.setTimeout(limit(180_000)); // admin, invite and a walk through four pages on a shared 2-core machine

test("browsing the student pages prefetches no export and no other route handler", async ({ newStudent, request }) => {
  const { page } = await newStudent("Grace Hopper");
  const before = await scrapeMetrics(request);

  const handlerRequests: string[] = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (ROUTE_HANDLERS.test(pathname)) handlerRequests.push(`${r.method()} ${pathname}`);
  });

  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"] !== undefined) prefetched.push(new URL(r.url()).pathname);
  });
  // Client-side navigation through the header and the page links, letting the
  // router prefetch whatever is in view on each page.
  await page.goto("/me");
  await expect(page.getByRole("heading", { name: "Hello, Grace Hopper" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Issue 24, item 3: links are not prefetched (components/ui/link.tsx: two requests each, for nothing).
  expect(prefetched, "prefetches on landing on the dashboard").toEqual([]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await page.waitForLoadState("networkidle");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByTestId("phase-progress-01").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/phase\/01$/);
  await page.waitForLoadState("networkidle");
  await page.goto("/phase/01/notes");
  await page.waitForLoadState("networkidle");
  await page.goto("/me");
  await page.waitForLoadState("networkidle");

  expect(handlerRequests, "route handlers the browser requested while browsing").toEqual([]);
  expect(prefetched, "prefetches while browsing").toEqual([]);
  const browsed = await scrapeMetrics(request);
  const exportsWhileBrowsing =
    counterValue(browsed, "portal_request_duration_seconds_count", EXPORT_ROUTE) -
    counterValue(before, "portal_request_duration_seconds_count", EXPORT_ROUTE);
  expect(exportsWhileBrowsing, "export requests the server answered while the student browsed").toBe(0);

  // The link still works when a student means it: one click, one export.
  const download = page.waitForEvent("download");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);
  // Observed when the streamed zip ends, which may be just after the download starts.
  await expect
    .poll(
      async () =>
        counterValue(await scrapeMetrics(request), "portal_request_duration_seconds_count", EXPORT_ROUTE) -
        counterValue(browsed, "portal_request_duration_seconds_count", EXPORT_ROUTE),
    )
    .toBe(1);
});

// Issue 24, item 3: a long list does not prefetch every row's page.
test("the roster prefetches no student's page, only what a user opens next", async ({ adminPage, newStudent }) => {
  await newStudent("Ada Lovelace");
  await newStudent("Alan Turing");
  const prefetched: string[] = [];
  adminPage.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (r.headers()["next-router-prefetch"] !== undefined) prefetched.push(pathname);
  });
  await adminPage.goto("/admin/students");
  await expect(adminPage.getByRole("link", { name: "Ada Lovelace" })).toBeVisible();
  await adminPage.waitForLoadState("networkidle");
  expect(prefetched.filter((p) => /^\/admin\/students\/[^/]+$/.test(p))).toEqual([]);
  // Opening a row still works, as a plain navigation.
  await adminPage.getByRole("link", { name: "Alan Turing" }).click();
  await expect(adminPage).toHaveURL(/\/admin\/students\/[^/]+$/);
});
