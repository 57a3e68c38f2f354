// Server-side error reporting (lib/observability/sentry.ts) against a loopback
// receiver speaking Sentry's envelope endpoint: nothing is loaded without a DSN;
// with one, events carry route, request id, release, environment and the user
// id, and none of the planted secrets; an unreachable or hanging Sentry neither
// throws nor holds up the caller. The wiring into requests (route handlers,
// actions, rendering, browser) is e2e/32-sentry.spec.ts.
import { afterAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { requestStorage } from "@/lib/observability/request-context";
import { flushErrors, reportError, startSentry } from "@/lib/observability/sentry";
import { startSentryReceiver } from "../../e2e/support/sentry-receiver";
import { TEST_AUTH_SECRET, TEST_MASTER_PASS, useTestDb } from "../helpers/test-db";
import { freePort } from "../ops/prometheus-local";

useTestDb(); // the configuration the portal would have (secrets to plant)
const g = globalThis as unknown as { miniportalSentry?: unknown; __SENTRY__?: unknown };
const receivers: Awaited<ReturnType<typeof startSentryReceiver>>[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
  delete process.env.SENTRY_DSN;
  resetEnvCache();
});

async function restartWith(dsn: string): Promise<void> {
  process.env.SENTRY_DSN = dsn;
  process.env.SENTRY_ENVIRONMENT = "integration";
  resetEnvCache();
  g.miniportalSentry = undefined;
  expect(await startSentry()).toBe(true);
}

describe("without SENTRY_DSN", () => {
  it("loads no SDK and reporting is a no-op", async () => {
    delete process.env.SENTRY_DSN;
    resetEnvCache();
    expect(await startSentry()).toBe(false);
    expect(() => reportError(new Error("nobody hears this"))).not.toThrow();
    expect(g.__SENTRY__, "the Sentry SDK registers globalThis.__SENTRY__ when loaded").toBeUndefined();
  });
});

describe("with SENTRY_DSN", () => {
  it("sends the error with route, request id, release, environment and user id, and no secrets", async () => {
    const receiver = await startSentryReceiver();
    receivers.push(receiver);
    await restartWith(receiver.dsn(42));
    const email = "planted.student@example.org";
    const bearer = "Bearer eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.PLANTEDtokenPLANTEDtoken";
    const requestId = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
    requestStorage().run({ requestId, studentId: "student-id-1" }, () =>
      reportError(new Error(`could not save for ${email} (${bearer}) with ${TEST_MASTER_PASS} / ${TEST_AUTH_SECRET}`), {
        route: "/phase/[nn]/notes",
        routeType: "action",
        method: "POST",
      }),
    );
    await flushErrors();
    expect(receiver.received.map((r) => r.path)).toEqual([expect.stringMatching(/^\/api\/42\/envelope\/\?/)]);
    const [event] = receiver.received[0]!.events as [
      Record<string, unknown> & {
        tags: Record<string, string>;
        exception: { values: { type: string; value: string }[] };
      },
    ];
    expect(event.tags).toEqual({
      route: "/phase/[nn]/notes",
      route_type: "action",
      method: "POST",
      request_id: requestId,
    });
    expect(event.release).toMatch(/^miniportal@0\.1\.0(\+[0-9a-f]{12})?$/);
    expect(event.environment).toBe("integration");
    expect(event.user).toEqual({ id: "student-id-1" });
    expect(event.exception.values[0]!.type).toBe("Error");
    expect(event.exception.values[0]!.value).toBe(
      "could not save for [email] (Bearer [redacted]) with [redacted] / [redacted]",
    );
    expect(Object.keys(event).sort()).not.toContain("breadcrumbs");
    expect(event).not.toHaveProperty("server_name");
    const raw = receiver.received[0]!.raw;
    for (const secret of [email, "PLANTEDtoken", TEST_MASTER_PASS, TEST_AUTH_SECRET]) expect(raw).not.toContain(secret);
  });

  it("reports an error once even when two mapping points see it", async () => {
    const receiver = await startSentryReceiver();
    receivers.push(receiver);
    await restartWith(receiver.dsn());
    const error = new Error("seen twice");
    reportError(error, { routeType: "action" });
    reportError(error, { routeType: "render" });
    await flushErrors();
    expect(receiver.received.flatMap((r) => r.events)).toHaveLength(1);
  });

  it("never blocks or throws when Sentry hangs or is unreachable", async () => {
    const hanging = await startSentryReceiver({ hold: true });
    receivers.push(hanging);
    await restartWith(hanging.dsn());
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on("unhandledRejection", onRejection);
    try {
      // Synchronous and void: the caller goes on before anything is sent.
      for (let i = 0; i < 50; i++) expect(reportError(new Error(`storm ${i}`))).toBeUndefined();
      expect(hanging.received).toHaveLength(0);
      // Sent in the background; the receiver holds the request open and never answers.
      await expect.poll(() => hanging.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
      // A bounded flush gives up instead of waiting on the hung request.
      await flushErrors(300);

      await restartWith(`http://key@127.0.0.1:${await freePort()}/1`);
      expect(() => reportError(new Error("to nowhere"))).not.toThrow();
      await flushErrors(1000);
      await new Promise((r) => setTimeout(r, 200));
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });
});
