// Prometheus exposition of the whole server: every worker's registry summed
// (lib/observability/cluster-metrics.ts).
// 404 when METRICS_ENABLED is off; a bearer token when MINIPORTAL_METRICS_TOKEN is
// set, else only loopback and private-network scrapers (lib/observability/metrics-access.ts).
// Neither traced nor counted in the request metrics (see docs/observability.md).
import { env } from "@/lib/env";
import { serverExposition } from "@/lib/observability/cluster-metrics";
import { metricsAccess } from "@/lib/observability/metrics-access";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const config = env();
  if (!config.METRICS_ENABLED)
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const access = metricsAccess(request.headers, {
    token: config.MINIPORTAL_METRICS_TOKEN,
    trustedHops: config.MINIPORTAL_TRUSTED_PROXIES,
  });
  if (!access.allowed) {
    return new Response(`${access.message}\n`, {
      status: access.status,
      headers: { "content-type": "text/plain", "cache-control": "no-store", ...access.headers },
    });
  }
  const { text, contentType } = await serverExposition();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
