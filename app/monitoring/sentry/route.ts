// The browser SDK's tunnel (lib/observability/sentry-tunnel.ts). 404 unless SENTRY_DSN is set.
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/observability/request-context";
import { appRouteMatcher } from "@/lib/observability/route-templates";
import { configuredSecrets } from "@/lib/observability/sentry";
import {
  MAX_ENVELOPE_BYTES,
  TUNNEL_PATH,
  forwardEnvelope,
  fromOwnPage,
  rewriteEnvelope,
} from "@/lib/observability/sentry-tunnel";
import { requestClientIp } from "@/lib/security/request-guards";
import { reportRateLimitBlock } from "@/lib/security/security-events";
import { reportGate } from "@/lib/security/throttles";

export const dynamic = "force-dynamic";

let matcher: ReturnType<typeof appRouteMatcher> | undefined;

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { "content-type": "text/plain" } });

// The tunnel only takes the SDK's POSTs; say so instead of Next's bare 405.
export function GET() {
  return new Response("This address only accepts error reports posted by the portal's own pages.\n", {
    status: 405,
    headers: { "content-type": "text/plain", allow: "POST" },
  });
}

export async function POST(request: Request) {
  const dsn = env().SENTRY_DSN;
  if (!dsn) return plain(404, "Not found");
  // Only the portal's own pages report: their fetch always carries our Origin.
  if (!fromOwnPage(request.headers)) return plain(403, "Error reports are only accepted from the portal's own pages.");
  const user = await getCurrentUser();
  const gate = await reportGate(await requestClientIp(), user !== null);
  if (!gate.ok) {
    reportRateLimitBlock({
      requestId: await currentRequestId(),
      route: TUNNEL_PATH,
      method: "POST",
      scope: gate.scope,
      policy: gate.policy,
      retryAfterSeconds: gate.retryAfterSeconds,
    });
    return new Response("Too many error reports; this one was dropped.\n", {
      status: 429,
      headers: { "content-type": "text/plain", "retry-after": String(gate.retryAfterSeconds) },
    });
  }
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_ENVELOPE_BYTES) return plain(413, "Too large");
  const envelope = rewriteEnvelope(body, {
    dsn,
    secrets: configuredSecrets(),
    matcher: (matcher ??= appRouteMatcher()),
    userId: user?.id ?? null,
    requestId: await currentRequestId(),
  });
  if (!envelope) return plain(400, "Not an error envelope for this portal");
  forwardEnvelope(envelope, dsn);
  return plain(202, "Accepted");
}
