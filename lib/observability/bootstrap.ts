// Everything instrumentation.ts starts, once per Node.js process: the request
// observer (metrics + request.completed lines), the ops page's snapshots,
// traces when MINIPORTAL_OTLP_ENDPOINT is set, and error reporting when SENTRY_DSN is.
import { env } from "../env";
import { hasPrimary } from "../server/ipc";
import { answerLocalMetricsRequests } from "./cluster-metrics";
import { installHttpObserver, shareForwardMarker } from "./http-observer";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { startOpsSampler } from "./ops-history";
import { appRouteMatcher } from "./route-templates";

const globalForBootstrap = globalThis as unknown as { miniportalObservabilityStarted?: boolean };

export async function startObservability(): Promise<void> {
  if (globalForBootstrap.miniportalObservabilityStarted) return;
  globalForBootstrap.miniportalObservabilityStarted = true;

  const config = env();
  const log = logger();
  const matcher = appRouteMatcher();
  const portalMetrics = config.METRICS_ENABLED ? metrics() : null;

  // With metrics off and logging silent there is nothing to observe: no hook at all.
  if (config.MINIPORTAL_FORWARD_MARKER) shareForwardMarker(config.MINIPORTAL_FORWARD_MARKER);
  if (portalMetrics || log.isLevelEnabled("debug") || log.isLevelEnabled("info") || log.isLevelEnabled("warn")) {
    installHttpObserver({ matcher, metrics: portalMetrics, log, instance: env().MINIPORTAL_INSTANCE });
  }
  // With workers the primary samples every worker's numbers; a lone process samples its own.
  if (portalMetrics && hasPrimary()) answerLocalMetricsRequests();
  else if (portalMetrics) startOpsSampler(portalMetrics);

  if (config.MINIPORTAL_OTLP_ENDPOINT) {
    const { startTracing } = await import("./otel");
    startTracing(config.MINIPORTAL_OTLP_ENDPOINT, matcher);
  }
  // Imported only when configured: without a DSN no Sentry code is loaded.
  const sentry = config.SENTRY_DSN ? await (await import("./sentry")).startSentry() : false;
  log.info({
    event: "observability.started",
    sentry,
    metrics: Boolean(portalMetrics),
    tracing: Boolean(config.MINIPORTAL_OTLP_ENDPOINT),
    log_level: config.MINIPORTAL_LOG_LEVEL,
  });
}
