// Liveness and readiness for load balancers and the synthetic check.
import { checkReadiness } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  const body = readiness.ready
    ? { status: "ok", live: true, ready: true }
    : { status: "unavailable", live: true, ready: false, reason: readiness.reason };
  return Response.json(body, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
