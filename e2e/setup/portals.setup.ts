// Before any spec: every slot's portal (started by global setup, one per worker) is
// ready, and the first-run admin link it printed opens the admin's sign-up page. The
// "setup" project, whose teardown is the privacy check (e2e/teardown).
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { type E2EState, SLOT_COUNT_FILE, slot } from "../support/server-config";

test("every slot's portal is ready and printed its first-run admin link", async ({ request }) => {
  const count = JSON.parse(readFileSync(SLOT_COUNT_FILE, "utf8")) as number;
  for (const s of Array.from({ length: count }, (_, i) => slot(i))) {
    const health = await request.get(`${s.baseUrl}/health`);
    expect(health.status(), `GET ${s.baseUrl}/health`).toBe(200);
    expect(await health.json()).toMatchObject({ ready: true });
    const { adminInviteUrl } = JSON.parse(readFileSync(s.stateFile, "utf8")) as E2EState;
    expect(adminInviteUrl, `the first-run admin link in ${s.logFile}`).toMatch(
      new RegExp(`^${s.baseUrl.replace(/\./g, "\\.")}/invite/[A-Za-z0-9_-]{43}$`),
    );
    const invite = await request.get(adminInviteUrl!);
    expect(invite.status(), `GET ${adminInviteUrl}`).toBe(200);
  }
});
