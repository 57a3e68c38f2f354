// Request-level concerns that must run before any route: request id, early
// redirect of anonymous visitors. It is never the only gate: pages, actions and
// route handlers check access again through lib/auth/guards.ts.
import { type NextRequest, NextResponse } from "next/server";
import { acceptOrMintRequestId } from "@/lib/observability/request-id";
import { PATH_HEADER, REQUEST_ID_HEADER } from "@/lib/observability/request-context";
import { servedOverHttps } from "@/lib/config/base-url";
import {
  CSP_HEADER,
  NONCE_HEADER,
  applyHeaders,
  contentSecurityPolicy,
  newNonce,
  securityHeaders,
} from "@/lib/security/headers";
import { installPeerAddressStamp } from "@/lib/security/peer-address";
import { guardRequest } from "@/lib/security/proxy-guard";
import { sessionCookieValue } from "@/lib/auth/cookie-names";

installPeerAddressStamp(); // normally already done at startup (next.config.ts)

const PROTECTED = /^\/(me|phase|review|admin|account)(\/|$)/;

export async function proxy(request: NextRequest) {
  const requestId = acceptOrMintRequestId(request.headers.get(REQUEST_ID_HEADER));
  const { pathname } = request.nextUrl;
  // Security headers on every answer, including the refusals and redirects below.
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: servedOverHttps() });
  const hasSession = sessionCookieValue(request.cookies) !== null;
  const security = securityHeaders({ csp, https: servedOverHttps(), noStore: hasSession || PROTECTED.test(pathname) });

  const passHeaders = new Headers();
  const refused = await guardRequest(request, requestId, passHeaders);
  if (refused) {
    applyHeaders(refused.headers, security);
    refused.headers.set(REQUEST_ID_HEADER, requestId);
    return refused;
  }

  if (request.method === "GET" && PROTECTED.test(pathname) && !hasSession) {
    const response = NextResponse.redirect(new URL("/login", request.url));
    applyHeaders(response.headers, security);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set(PATH_HEADER, pathname);
  // Next reads the nonce from the request's CSP header and puts it on its scripts.
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set(CSP_HEADER, csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applyHeaders(response.headers, security);
  passHeaders.forEach((value, name) => response.headers.set(name, value));
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Anchored to exactly the assets it skips: /_next/static/…, /_next/image and
  // /favicon.ico (an unanchored "favicon.ico" also skipped /favicon_ico/x).
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$).*)"],
};
