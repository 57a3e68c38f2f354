// Liveness and readiness for load balancers and the synthetic check.
import { checkReadiness } from "@/lib/db/health";
import { rateLimitStoreState } from "@/lib/security/rate-limit";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  // A Redis outage does not make the portal unready (the local store counts
  // meanwhile), but an operator sees it here and in portal_ratelimit_store_up.
  const rateLimits = rateLimitStoreState();
  const body = readiness.ready
    ? { status: "ok", live: true, ready: true, rateLimits }
    : { status: "unavailable", live: true, ready: false, reason: readiness.reason, rateLimits };
  return Response.json(body, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
