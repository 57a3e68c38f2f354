// Traces through @vercel/otel's real OTLP/protobuf exporter into a loopback
// receiver: service name, the spans the real code emits (sign-in, vault, review), templated URLs, the /metrics and
// /health exclusion, and no secret in the bytes that leave the process.
import { SpanKind, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OtlpReceiver, startOtlpReceiver } from "@/e2e/support/otlp-receiver";
import { startTracing } from "@/lib/observability/otel";
import { KNOWN_ROUTES, createRouteMatcher } from "@/lib/observability/route-templates";
import { authenticate } from "@/lib/auth/login";
import { syncCourse } from "@/lib/content/sync";
import { SPAN } from "@/lib/observability/span-names";
import { withSpan } from "@/lib/observability/tracing";
import { gradeCard } from "@/lib/review/grading";
import { seal, unseal } from "@/lib/vault";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const INVITE_TOKEN = "PLANTED-invite-token-Qm9vYmFyYmF6cXV4MTIzNDU2Nzg5";
let receiver: OtlpReceiver;

async function flush(): Promise<void> {
  const provider = trace.getTracerProvider() as unknown as { getDelegate?: () => { forceFlush?: () => Promise<void> } };
  await provider.getDelegate?.().forceFlush?.();
}

/** A server span as Next.js starts it: the raw target in the name and http.target. */
function serverSpan(target: string, child?: () => Promise<void>): Promise<void> {
  return trace
    .getTracer("next.js")
    .startActiveSpan(
      `GET ${target}`,
      { kind: SpanKind.SERVER, attributes: { "http.method": "GET", "http.target": target } },
      async (span) => {
        await child?.();
        span.end();
      },
    );
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  startTracing(receiver.url, createRouteMatcher(KNOWN_ROUTES));
});
afterAll(() => receiver.close());

describe("OTLP traces", () => {
  const t = useTestDb();

  it("exports the spans the real sign-in, vault and review code emit, as service miniportal, with templated URLs", async () => {
    await syncCourse();
    const student = await createActiveUser();
    const card = await t.db.card.findFirstOrThrow({ where: { retiredAt: null } });
    const binding = { ownerId: student.id, table: "Note", rowId: "otlp-note" } as const;
    const sealed = await seal(binding, "plaintext that never leaves in a span");
    await serverSpan(`/invite/${INVITE_TOKEN}?from=mail`, async () => {
      expect((await authenticate({ email: student.email, password: student.password })).ok).toBe(true);
      expect(await unseal(binding, sealed)).toBe("plaintext that never leaves in a span");
      await gradeCard(student.user, card.id, 4);
    });
    await flush();
    const spans = receiver.spans();
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["miniportal"]));
    const names = spans.map((s) => s.name).sort();
    expect(names).toEqual(["GET /invite/[token]", SPAN.argon2Verify, SPAN.sm2Update, SPAN.vaultDecrypt].sort());
    const root = spans.find((s) => s.name === "GET /invite/[token]")!;
    expect(root.attributes["http.target"]).toBe("/invite/[token]");
    for (const s of spans.filter((x) => x !== root)) expect(s.parentSpanId).toBe(root.spanId);
    expect(spans.find((s) => s.name === SPAN.vaultDecrypt)!.attributes).toMatchObject({ "vault.table": "Note" });
    expect(spans.find((s) => s.name === SPAN.sm2Update)!.attributes).toMatchObject({ "review.grade": 4 });
    for (const body of receiver.rawBodies()) {
      expect(body.includes(INVITE_TOKEN)).toBe(false);
      expect(body.includes("plaintext that never leaves")).toBe(false);
      expect(body.includes(student.password)).toBe(false);
    }
  });

  it("does not trace /metrics or /health, nor anything under them", async () => {
    const before = receiver.spans().length;
    await serverSpan("/metrics", () => withSpan("inside.metrics", {}, async () => undefined));
    await serverSpan("/health?probe=1");
    await serverSpan("/me");
    await flush();
    expect(
      receiver
        .spans()
        .slice(before)
        .map((s) => s.name),
    ).toEqual(["GET /me"]);
  });
});
