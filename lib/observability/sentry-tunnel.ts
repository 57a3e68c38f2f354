// Browser error events reach Sentry through the portal (the SDK's `tunnel`
// option, POST /monitoring/sentry): the Content-Security-Policy keeps
// connect-src 'self', and every browser event gets the same scrubbing as server
// events plus what only the server knows (route template, signed-in user id).
// Only event items for the configured DSN are forwarded; the rest is dropped.
import { checkSameOrigin } from "../security/csrf";
import { logger } from "./logger";
import type { RouteMatcher } from "./route-templates";
import { type SentryEventLike, scrubEvent } from "./sentry-scrub";

export const TUNNEL_PATH = "/monitoring/sentry";
export const MAX_ENVELOPE_BYTES = 256 * 1024;

/** https://<key>@host/<project> -> https://host/api/<project>/envelope/?sentry_key=<key>&sentry_version=7 */
export function envelopeUrl(dsn: string): string {
  const url = new URL(dsn);
  const project = url.pathname.split("/").filter(Boolean).pop() ?? "";
  const base = url.pathname.split("/").filter(Boolean).slice(0, -1).join("/");
  return `${url.protocol}//${url.host}/${base ? `${base}/` : ""}api/${project}/envelope/?sentry_key=${encodeURIComponent(url.username)}&sentry_version=7`;
}

type HeaderSource = { get(name: string): string | null };

/**
 * A report from one of the portal's pages: the SDK's fetch always sends Origin,
 * and it must be ours (the proxy's CSRF check lets a request without Origin
 * through, as it carries no browser credentials; here that is not enough).
 */
export function fromOwnPage(headers: HeaderSource): boolean {
  return headers.get("origin") !== null && checkSameOrigin("POST", headers).ok;
}

export type TunnelContext = {
  dsn: string;
  secrets: readonly string[];
  matcher: RouteMatcher;
  userId: string | null;
  requestId: string | null;
};

/** The envelope to forward (scrubbed event items only), or null when there is nothing acceptable in it. */
export function rewriteEnvelope(body: string, ctx: TunnelContext): string | null {
  const lines = body.split("\n");
  let header: { dsn?: string; event_id?: string; sent_at?: string };
  try {
    header = JSON.parse(lines[0] ?? "") as typeof header;
  } catch {
    return null;
  }
  // Not an open relay: only envelopes for this portal's own DSN.
  if (header.dsn !== ctx.dsn) return null;
  const out: string[] = [JSON.stringify({ event_id: header.event_id, sent_at: header.sent_at, dsn: ctx.dsn })];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    let itemHeader: { type?: string };
    let payload: SentryEventLike;
    try {
      itemHeader = JSON.parse(lines[i] ?? "") as { type?: string };
      if (itemHeader.type !== "event") continue;
      payload = JSON.parse(lines[i + 1] ?? "") as SentryEventLike;
    } catch {
      continue;
    }
    const request = payload.request as { url?: unknown } | undefined;
    const pathname = typeof request?.url === "string" ? request.url : "/";
    const tags: Record<string, string> = { route: ctx.matcher(pathname.split("?")[0] ?? "/"), route_type: "browser" };
    if (ctx.requestId) tags.request_id = ctx.requestId;
    const scrubbed = scrubEvent({ ...payload, user: ctx.userId ? { id: ctx.userId } : undefined }, ctx.secrets, tags);
    out.push(JSON.stringify({ type: "event" }), JSON.stringify(scrubbed));
  }
  return out.length > 1 ? `${out.join("\n")}\n` : null;
}

/** Sends in the background with a deadline: the browser's request never waits on Sentry. */
export function forwardEnvelope(envelope: string, dsn: string): void {
  void fetch(envelopeUrl(dsn), {
    method: "POST",
    headers: { "content-type": "application/x-sentry-envelope" },
    body: envelope,
    signal: AbortSignal.timeout(5_000),
  })
    .then((res) => res.body?.cancel())
    .catch((error: unknown) => logger().warn({ event: "sentry.tunnel_failed", error: (error as Error).name }));
}
