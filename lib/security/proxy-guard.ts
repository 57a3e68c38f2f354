// The security gate proxy.ts runs before any route: the CSRF check on unsafe
// methods, then the rate limits (sign-in and invite redemption per address and
// account, writes per session). Pages, actions and handlers check again where
// they run (proxy is never the only gate).
import type { NextRequest, NextResponse } from "next/server";
import { env } from "../env";
import { localeOfHeaders } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { clientIpFromHeaders } from "./client-ip";
import { CROSS_SITE_MESSAGE, UNSAFE_METHODS, checkSameOrigin } from "./csrf";
import { type ActionProblem, actionRequestProblem, mayBeServerAction, readFormOnce } from "./action-guard";
import { refusalResponse } from "./responses";
import { sessionCookieValue } from "../auth/cookie-names";
import { deviceTokenOf, trustedDeviceId } from "../auth/device-cookie";
import { decodeSessionToken } from "../auth/session-token";
import { reportCsrfBlock, reportRateLimitBlock } from "./security-events";
import { type Gate, peekInvite, peekLogin, tooManyAttemptsMessage, writeGate } from "./throttles";

const MAX_SNIFFED_BODY = 64 * 1024;
/** Route handlers that only read: other methods get a 405 with a message (Next's own 405 is empty). */
const READ_ONLY_HANDLERS: readonly RegExp[] = [
  /^\/health$/,
  /^\/metrics$/,
  /^\/me\/export$/,
  /^\/admin\/gradebook\/export$/,
  /^\/calendar\/[^/]+$/,
  /^\/review\/workload$/,
  /^\/admin\/ops\/fsrs-run$/,
  /^\/manifest\.webmanifest$/,
];

const ACTION_PROBLEM_MESSAGE = {
  notAForm: "common.refusal.notAForm",
  noSuchAction: "common.refusal.noSuchAction",
  tooLarge: "common.refusal.tooLarge",
  hostMismatch: "common.refusal.hostMismatch",
} as const satisfies Record<ActionProblem["key"], string>;

/**
 * RFC 8058 one-click unsubscribe (app/unsubscribe/[token]/one-click/route.ts). Mail
 * providers POST List-Unsubscribe=One-Click there from their own servers: no
 * cookies, no Origin or their own, no token of ours, sometimes as multipart (which
 * the action check below would read as a form posted without JavaScript). The
 * cross-site checks protect a browser's ambient session, and this handler uses
 * none: the signed token in the path is its whole authority, so a forged post could
 * do no more than the token's holder, and all it can do is set that link's emails
 * to "never". Exempt: exactly this path, POST, and not a server-action call. The
 * rate limits below still apply.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[^/]+\/one-click$/;

export function isOneClickUnsubscribe(method: string, pathname: string, headers: Headers): boolean {
  return method === "POST" && ONE_CLICK_UNSUBSCRIBE.test(pathname) && headers.get("next-action") === null;
}

/** A path for log lines: secrets in paths (invite tokens) and ids become placeholders. */
export function routeLabel(pathname: string): string {
  return pathname
    .replace(/^\/invite\/[^/]+/, "/invite/[token]")
    .replace(/^\/reset\/[^/]+/, "/reset/[token]")
    .replace(/^\/unsubscribe\/[^/]+/, "/unsubscribe/[token]")
    .replace(/^\/calendar\/[^/]+/, "/calendar/[token]")
    .replace(/^\/admin\/students\/[^/]+/, "/admin/students/[id]")
    .replace(/^\/phase\/[^/]+/, "/phase/[nn]")
    .replace(/^\/api\/auth\/.*/, "/api/auth/[...nextauth]")
    .slice(0, 120);
}

/**
 * The email field of a sign-in form (React prefixes server-action fields, e.g. "_1_email").
 * A multipart form was already read by the action check: its fields are reused, not parsed again.
 */
async function emailFromBody(request: NextRequest): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  const length = Number(request.headers.get("content-length") ?? "NaN");
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type) || !(length <= MAX_SNIFFED_BODY))
    return null;
  try {
    const read = type.startsWith("multipart/form-data") ? await readFormOnce(request) : null;
    const entries = read ? (read.tooLarge ? null : read.entries) : [...(await request.clone().formData()).entries()];
    for (const [key, value] of entries ?? []) {
      if (/^(_?\d+_)?email$/.test(key) && typeof value === "string" && value.length <= 254) return value;
    }
  } catch {
    // An unparsable body is the action's problem; it will refuse it.
  }
  return null;
}

/** The session id a valid session cookie names (the write limit's key), or null. */
async function authenticatedSessionId(request: NextRequest): Promise<string | null> {
  const token = sessionCookieValue(request.cookies);
  return token ? ((await decodeSessionToken(token))?.sid ?? null) : null;
}

/** A path whose percent-encoding is not UTF-8 (/invite/%ff): Next.js would answer 500 while decoding it. */
export function malformedPath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/**
 * The proxy's own answer to a request it refuses, or null when the request goes on.
 * `passHeaders` receives headers for the answer of a request that goes on: a
 * throttled sign-in form gets Retry-After there (see below).
 */
export async function guardRequest(
  request: NextRequest,
  requestId: string,
  passHeaders: Headers = new Headers(),
): Promise<NextResponse | null> {
  const method = request.method.toUpperCase();
  const { pathname } = request.nextUrl;
  const locale = localeOfHeaders(request.headers);
  const t = translatorFor(locale);
  if (malformedPath(pathname)) {
    return refusalResponse(request, {
      status: 400,
      title: t("common.refusal.badAddressTitle"),
      message: t("common.refusal.badAddress"),
      requestId,
    });
  }
  if (!UNSAFE_METHODS.has(method)) return null;
  const route = routeLabel(pathname);

  const oneClick = isOneClickUnsubscribe(method, pathname, request.headers);
  const csrf = oneClick ? ({ ok: true } as const) : checkSameOrigin(method, request.headers);
  if (!csrf.ok) {
    reportCsrfBlock({ requestId, route, method, reason: csrf.reason });
    return refusalResponse(request, {
      status: 403,
      title: t("common.error.refusedTitle"),
      message: t(CROSS_SITE_MESSAGE),
      requestId,
    });
  }

  const actionId = request.headers.get("next-action");
  if (!oneClick && mayBeServerAction(method, request.headers)) {
    const problem = await actionRequestProblem(request, actionId, pathname);
    // Origin is not the host Next.js was reached as: counted with the other cross-site refusals.
    if (problem?.key === "hostMismatch") reportCsrfBlock({ requestId, route, method, reason: "host_mismatch" });
    if (problem)
      return refusalResponse(request, {
        status: problem.status,
        title: t("common.error.refusedTitle"),
        message: t(ACTION_PROBLEM_MESSAGE[problem.key], { why: problem.why ?? "" }),
        requestId,
      });
  }

  if (READ_ONLY_HANDLERS.some((handler) => handler.test(pathname))) {
    return refusalResponse(request, {
      status: 405,
      title: t("common.refusal.methodTitle"),
      // The route's label: a calendar link's secret is not repeated.
      message: t("common.refusal.method", { path: route }),
      requestId,
      allow: "GET, HEAD",
    });
  }

  const ip = () => clientIpFromHeaders(request.headers, env().MINIPORTAL_TRUSTED_PROXIES);
  // Sign-in and invites only peek here: the action pays before its expensive step.
  let decision: Gate | null = null;
  if (pathname === "/login") {
    const email = await emailFromBody(request);
    decision = await peekLogin(ip(), email, trustedDeviceId(deviceTokenOf(request.cookies), email));
  } else if (/^\/(invite|reset|unsubscribe|calendar)\//.test(pathname)) {
    // Links that carry a token and need no sign-in: one budget per address for guesses.
    decision = await peekInvite(ip());
  } else {
    const sessionId = await authenticatedSessionId(request);
    if (sessionId) decision = await writeGate(sessionId);
  }
  if (decision && !decision.ok) {
    // The sign-in form, posted with or without JavaScript, goes on to its action: signIn
    // pays the same limits before Argon2 and refuses there (counted and logged once), so the
    // page keeps the form, the typed email and the wait in its status line instead of a bare 429.
    if (pathname === "/login" && mayBeServerAction(method, request.headers)) {
      passHeaders.set("retry-after", String(decision.retryAfterSeconds));
      return null;
    }
    reportRateLimitBlock({
      requestId,
      route,
      method,
      scope: decision.scope,
      policy: decision.policy,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
    return refusalResponse(request, {
      status: 429,
      title: t("common.refusal.tooManyTitle"),
      message: tooManyAttemptsMessage(decision.retryAfterSeconds, locale, decision.scope),
      retryAfterSeconds: decision.retryAfterSeconds,
      requestId,
    });
  }
  return null;
}
