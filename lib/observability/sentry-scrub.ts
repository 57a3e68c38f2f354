// What may reach Sentry. An event leaves with: the exception (type, message,
// stack), tags (route template, route type, request id, method), release,
// environment and the user id. Never: request bodies, cookies, headers, query
// strings, breadcrumbs, local variables, emails, bearer tokens, or any of the
// portal's configured secrets, wherever in the event they appear (an error
// message can quote input). Used for server events (beforeSend) and for browser
// events passing the tunnel (lib/observability/sentry-tunnel.ts).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type SentryEventLike = { [key: string]: Json | undefined };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// Session tokens and other long opaque strings (JWE, base64url, hex) in messages.
const OPAQUE = /\b[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]{8,}){0,4}\b/g;

// Sentry's own ids (event, trace: 32 hex) and request ids (UUIDs) are not secrets.
const KEEP_OPAQUE = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Replaces every secret, email, bearer token and long opaque string in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  return out
    .replace(BEARER, "$1 [redacted]")
    .replace(EMAIL, "[email]")
    .replace(OPAQUE, (m) => (KEEP_OPAQUE.test(m) ? m : "[redacted]"));
}

function redactDeep(value: Json | undefined, secrets: readonly string[]): Json | undefined {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets) ?? null);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets) ?? null]));
  }
  return value;
}

function strippedException(exception: Json | undefined): Json | undefined {
  if (!exception || typeof exception !== "object" || Array.isArray(exception)) return exception;
  const values = (exception.values ?? []) as Json[];
  return {
    values: values.map((v) => {
      if (!v || typeof v !== "object" || Array.isArray(v)) return v;
      const stacktrace = v.stacktrace as { frames?: Json[] } | undefined;
      const frames = (stacktrace?.frames ?? []).map((f) => {
        if (!f || typeof f !== "object" || Array.isArray(f)) return f;
        const { vars: _vars, ...frame } = f; // local variables can hold passwords and note text
        return frame;
      });
      return { ...v, ...(stacktrace ? { stacktrace: { ...stacktrace, frames } } : {}) };
    }),
  };
}

/**
 * The event reduced to what may leave, with `tags` merged in. Only allow-listed
 * top-level fields survive; everything textual is redacted.
 */
export function scrubEvent(
  event: SentryEventLike,
  secrets: readonly string[],
  tags: Record<string, string> = {},
): SentryEventLike {
  const user = event.user && typeof event.user === "object" && !Array.isArray(event.user) ? event.user : null;
  const userId = user && typeof user.id === "string" ? user.id : null;
  const request =
    event.request && typeof event.request === "object" && !Array.isArray(event.request) ? event.request : null;
  const kept: SentryEventLike = {
    event_id: event.event_id,
    timestamp: event.timestamp,
    platform: event.platform,
    level: event.level,
    logger: event.logger,
    release: event.release,
    environment: event.environment,
    dist: event.dist,
    sdk: event.sdk,
    fingerprint: event.fingerprint,
    transaction: event.transaction,
    message: event.message,
    exception: strippedException(event.exception),
    tags: { ...((event.tags as Record<string, Json>) ?? {}), ...tags },
    // Only the method: the URL can carry tokens (/invite/<token>) and query strings.
    ...(request && typeof request.method === "string" ? { request: { method: request.method } } : {}),
    ...(userId ? { user: { id: userId } } : {}),
  };
  const clean = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined)) as SentryEventLike;
  return redactDeep(clean as Json, secrets) as SentryEventLike;
}
