// Prometheus exposition of the whole server: every worker's registry summed
// (lib/observability/cluster-metrics.ts).
// 404 when METRICS_ENABLED is off; a bearer token when MINIPORTAL_METRICS_TOKEN is
// set. Neither traced nor counted in the request metrics (see docs/observability.md).
import { env } from "@/lib/env";
import { serverExposition } from "@/lib/observability/cluster-metrics";
import { bearerTokenMatches } from "@/lib/observability/metrics-auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = env();
  if (!config.METRICS_ENABLED)
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const token = config.MINIPORTAL_METRICS_TOKEN;
  if (token && !bearerTokenMatches(request.headers.get("authorization"), token)) {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: {
        "content-type": "text/plain",
        "www-authenticate": 'Bearer realm="metrics"',
        "cache-control": "no-store",
      },
    });
  }
  const { text, contentType } = await serverExposition();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
