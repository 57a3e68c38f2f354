// Request-level concerns that must run before any route: request id, early
// redirect of anonymous visitors. It is never the only gate: pages, actions and
// route handlers check access again through lib/auth/guards.ts.
import { type NextRequest, NextResponse } from "next/server";
import { acceptOrMintRequestId } from "@/lib/observability/request-id";
import { PATH_HEADER, REQUEST_ID_HEADER } from "@/lib/observability/request-context";

const PROTECTED = /^\/(me|phase|review|admin|account)(\/|$)/;
const SESSION_COOKIES = ["miniportal.session", "__Host-miniportal.session"];

export function proxy(request: NextRequest) {
  const requestId = acceptOrMintRequestId(request.headers.get(REQUEST_ID_HEADER));
  const { pathname } = request.nextUrl;

  if (request.method === "GET" && PROTECTED.test(pathname) && !SESSION_COOKIES.some((n) => request.cookies.has(n))) {
    const response = NextResponse.redirect(new URL("/login", request.url));
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set(PATH_HEADER, pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
