// The second line of the CSRF and rate-limit checks, where requests are handled:
// server actions (through formAction) and route handlers.
import { headers } from "next/headers";
import { env } from "../env";
import type { Locale } from "../i18n/locales";
import { requestLocale } from "../i18n/request-locale";
import { currentRequestId } from "../observability/request-context";
import { clientIpFromHeaders } from "./client-ip";
import { CROSS_SITE_MESSAGE, checkSameOrigin } from "./csrf";
import { reportCsrfBlock, reportRateLimitBlock } from "./security-events";
import type { LimitDecision } from "./rate-limit";
import { tooManyAttemptsMessage } from "./throttles";

/** For server actions: null when same-origin, else the message to show (and the block is counted). */
export async function actionOriginProblem(route = "server-action"): Promise<string | null> {
  let h: Headers;
  try {
    h = await headers();
  } catch {
    return null; // called outside an HTTP request (scripts, tests): no browser, no forgery
  }
  const verdict = checkSameOrigin("POST", h);
  if (verdict.ok) return null;
  reportCsrfBlock({ requestId: await currentRequestId(), route, method: "POST", reason: verdict.reason });
  return CROSS_SITE_MESSAGE;
}

export async function requestClientIp(): Promise<string> {
  return clientIpFromHeaders(await headers(), env().MINIPORTAL_TRUSTED_PROXIES);
}

/**
 * For actions that throttle themselves: counts the block and returns the form
 * message, in the request's language (the log and metric fields stay English).
 */
export async function rateLimitedMessage(
  decision: Extract<LimitDecision, { ok: false }> & { policy: string },
  route: string,
  locale?: Locale,
): Promise<string> {
  reportRateLimitBlock({
    requestId: await currentRequestId(),
    route,
    method: "POST",
    scope: decision.scope,
    policy: decision.policy,
    retryAfterSeconds: decision.retryAfterSeconds,
  });
  return tooManyAttemptsMessage(decision.retryAfterSeconds, locale ?? (await requestLocale()), decision.scope);
}
