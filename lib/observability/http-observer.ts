// Observes every HTTP request of this process through Node's diagnostics
// channels, which see what proxy.ts cannot: the final status and the duration.
// 'http.server.request.start' is published synchronously before the server's
// 'request' event, so the request store opened here (enterWith) is the context
// Next handles the request in. One observation per request object, ended on the
// response's 'close' (after 'finish', or on abort), so the in-flight gauge
// always comes back down.
//
// Next.js answers a server action that redirects by fetching the target page
// from itself over HTTP, forwarding the action request's headers. Such a
// forwarded request is part of the action's work (its time is in the action's
// latency), so it is neither counted nor logged as a request of its own. It is
// recognised by a per-process marker header that only this observer can set,
// arriving over loopback. With several workers Next's forwarded request may land
// on another worker, so the primary hands them all the same marker.
import { randomBytes } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { PortalMetrics } from "./metrics";
import { REQUEST_ID_HEADER, requestStorage, type RequestStore } from "./request-context";
import { acceptOrMintRequestId } from "./request-id";
import {
  PLUMBING_ROUTES,
  completionLevel,
  isStaticAsset,
  methodLabel,
  requestCompleted,
  statusLabel,
} from "./request-log";
import { type RouteMatcher, pathOf } from "./route-templates";

export type HttpObserverOptions = {
  matcher: RouteMatcher;
  /** Null when METRICS_ENABLED is off. */
  metrics: PortalMetrics | null;
  log: Logger;
  /** MINIPORTAL_INSTANCE: named on every response, so one can tell which instance behind a balancer answered. */
  instance?: string;
};

export const INSTANCE_HEADER = "x-miniportal-instance";

const START_CHANNEL = "http.server.request.start";
const OBSERVED = Symbol.for("miniportal.observed");
const FORWARDED = Symbol.for("miniportal.forwarded");
const FORWARD_HEADER = "x-miniportal-forward";
type Marked = IncomingMessage & { [OBSERVED]?: true; [FORWARDED]?: true };
const globalForMarker = globalThis as unknown as { miniportalForwardMarker?: string };
const forwardMarker = () => (globalForMarker.miniportalForwardMarker ??= randomBytes(16).toString("hex"));
/** Uses the marker the primary shares with every worker (MINIPORTAL_FORWARD_MARKER). */
export function shareForwardMarker(marker: string): void {
  globalForMarker.miniportalForwardMarker = marker;
}
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** True for Next's own re-dispatch of one of our requests (see the header comment). */
function isForwardedByNext(request: IncomingMessage): boolean {
  return request.headers[FORWARD_HEADER] === forwardMarker() && LOOPBACK.has(request.socket?.remoteAddress ?? "");
}

/**
 * Whether the observer found this request to be Next's own re-dispatch (read after it
 * saw the request: every other request then carries the marker too, for Next to forward).
 */
export function forwardedByNext(request: IncomingMessage): boolean {
  return (request as Marked)[FORWARDED] === true;
}

type StartMessage = { request: IncomingMessage; response: ServerResponse };

export function observeRequest(options: HttpObserverOptions, request: IncomingMessage, response: ServerResponse): void {
  const marked = request as Marked;
  if (marked[OBSERVED]) return;
  marked[OBSERVED] = true;

  const pathname = pathOf(request.url);
  if (isStaticAsset(pathname)) return;

  // The id proxy.ts and the handlers see, and the one echoed to the client.
  const incoming = request.headers[REQUEST_ID_HEADER];
  const requestId = acceptOrMintRequestId(typeof incoming === "string" ? incoming : null);
  request.headers[REQUEST_ID_HEADER] = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  if (options.instance) response.setHeader(INSTANCE_HEADER, options.instance);
  const store: RequestStore = { requestId, studentId: null };
  requestStorage().enterWith(store);

  const route = options.matcher(pathname);
  if (isForwardedByNext(request)) {
    marked[FORWARDED] = true;
    response.once("close", () =>
      options.log.debug({ event: "request.forwarded", request_id: requestId, route, status: response.statusCode }),
    );
    return;
  }
  request.headers[FORWARD_HEADER] = forwardMarker(); // replaces anything a client sent
  const method = methodLabel(request.method);
  const counted = options.metrics !== null && !PLUMBING_ROUTES.has(route);
  const started = performance.now();
  if (counted) options.metrics!.requestsInFlight.inc();

  response.once("close", () => {
    const latencyMs = performance.now() - started;
    // A server action that failed on a storage fault answers 200 with an error state; it is a 5xx.
    const status = store.serverFault ? "500" : statusLabel(response.statusCode, response.writableFinished);
    if (counted) {
      const m = options.metrics!;
      m.requestsInFlight.dec();
      m.requestDuration.observe({ route, method, status }, latencyMs / 1000);
      if (Number(status) >= 500 && status !== "499") m.serverErrors.inc({ route, method, status });
    }
    const line = requestCompleted({
      request_id: requestId,
      student_id: store.studentId,
      route,
      method,
      status: Number(status),
      latencyMs,
    });
    options.log[completionLevel(route, line.status)](line);
  });
}

/** Subscribes once per process; returns the unsubscribe function. */
export function installHttpObserver(options: HttpObserverOptions): () => void {
  const onStart = (message: unknown) => {
    const { request, response } = message as StartMessage;
    try {
      observeRequest(options, request, response);
    } catch (error) {
      // Observability must never break a request.
      options.log.error({ event: "observability.failed", error: error instanceof Error ? error.name : "unknown" });
    }
  };
  diagnosticsChannel.subscribe(START_CHANNEL, onStart);
  return () => diagnosticsChannel.unsubscribe(START_CHANNEL, onStart);
}
