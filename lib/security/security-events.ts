// Security events: one warning line per refused request, with the request id,
// route and status, and never a secret (no cookies, tokens, passwords or emails).
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import type { LimitScope } from "./rate-limit";

type Base = { requestId: string | null; route: string; method: string };

export function reportRateLimitBlock(
  event: Base & { scope: LimitScope; policy: string; retryAfterSeconds: number },
): void {
  metrics().rateLimitBlocks.inc({ scope: event.scope });
  logger().warn({
    event: "security.rate_limited",
    request_id: event.requestId,
    route: event.route,
    method: event.method,
    status: 429,
    scope: event.scope,
    policy: event.policy,
    retry_after_s: event.retryAfterSeconds,
  });
}

export function reportCsrfBlock(event: Base & { reason: string }): void {
  metrics().csrfBlocks.inc();
  logger().warn({
    event: "security.csrf_blocked",
    request_id: event.requestId,
    route: event.route,
    method: event.method,
    status: 403,
    reason: event.reason,
  });
}
