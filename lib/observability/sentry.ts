// Error reporting to Sentry, only when SENTRY_DSN is set: without it this module
// loads no SDK and every call returns at once. Errors only: OpenTelemetry stays
// the tracer (lib/observability/otel.ts), so the SDK is the "light" one, without
// OpenTelemetry, tracing, HTTP instrumentation or default integrations, and every
// event passes scrubEvent (lib/observability/sentry-scrub.ts) before it leaves.
// Sending is asynchronous and bounded (the SDK's transport queue): a slow or
// unreachable Sentry never delays or fails a request.
import { smtpOptions } from "../mail/smtp-url";
import { env } from "../env";
import { releaseName } from "../release";
import { currentRequestStore } from "./request-context";
import { type SentryEventLike, scrubEvent } from "./sentry-scrub";
import { TUNNEL_PATH } from "./sentry-tunnel";

type SentrySdk = typeof import("@sentry/node-core/light");

const globalForSentry = globalThis as unknown as { miniportalSentry?: SentrySdk | null };

function smtpPassword(url: string | undefined): string | undefined {
  try {
    return url ? smtpOptions(url).auth?.pass : undefined;
  } catch {
    return undefined;
  }
}

/** Every configured secret: scrubbed from events wherever it appears. */
export function configuredSecrets(): string[] {
  const e = env();
  return [
    e.AUTH_SECRET,
    e.PORTAL_MASTER_PASS,
    e.MINIPORTAL_METRICS_TOKEN,
    e.MINIPORTAL_BACKUP_KEY,
    e.AWS_SECRET_ACCESS_KEY,
    // The whole URL and its password alone: an SMTP error can quote either.
    e.MINIPORTAL_SMTP_URL,
    smtpPassword(e.MINIPORTAL_SMTP_URL),
  ].filter((s): s is string => Boolean(s));
}

export function sentryEnvironment(): string {
  return env().SENTRY_ENVIRONMENT ?? env().NODE_ENV;
}

/** What the root layout hands the browser SDK; null (nothing rendered, nothing loaded) without a DSN. */
export function browserSentryConfig(): { dsn: string; release: string; environment: string; tunnel: string } | null {
  const dsn = env().SENTRY_DSN;
  return dsn ? { dsn, release: releaseName(), environment: sentryEnvironment(), tunnel: TUNNEL_PATH } : null;
}

/** Starts the SDK when SENTRY_DSN is set; a no-op otherwise. Called from instrumentation's register(). */
export async function startSentry(): Promise<boolean> {
  const dsn = env().SENTRY_DSN;
  if (!dsn || globalForSentry.miniportalSentry) return Boolean(globalForSentry.miniportalSentry);
  const Sentry = await import("@sentry/node-core/light");
  const secrets = configuredSecrets();
  Sentry.init({
    dsn,
    release: releaseName(),
    environment: sentryEnvironment(),
    sendDefaultPii: false,
    // No tracesSampleRate: no Sentry tracing at all. No default integrations: no
    // HTTP/fetch instrumentation, console capture, request data or local variables.
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.dedupeIntegration(), Sentry.functionToStringIntegration()],
    maxBreadcrumbs: 0,
    // Bounded queue: under an error storm with Sentry down, events are dropped, not buffered without limit.
    transportOptions: { bufferSize: 30 },
    beforeSend: (event) => scrubEvent(event as unknown as SentryEventLike, secrets) as unknown as typeof event,
  });
  globalForSentry.miniportalSentry = Sentry;
  return true;
}

export type ErrorContext = {
  /** Route template, e.g. /phase/[nn]/notes (never the concrete path). */
  route?: string;
  routeType?: string;
  method?: string;
  requestId?: string | null;
  userId?: string | null;
};

const REPORTED = Symbol.for("miniportal.sentryReported");

/**
 * Reports an unexpected error. Returns immediately: the event is queued and sent
 * in the background. The request id and user id default to the current request's.
 * An error is reported once even if it passes several mapping points.
 */
export function reportError(error: unknown, context: ErrorContext = {}): void {
  const Sentry = globalForSentry.miniportalSentry;
  if (!Sentry) return;
  if (error && typeof error === "object") {
    if ((error as Record<symbol, boolean>)[REPORTED]) return;
    (error as Record<symbol, boolean>)[REPORTED] = true;
  }
  const store = currentRequestStore();
  const requestId = context.requestId ?? store?.requestId ?? null;
  const userId = context.userId ?? store?.studentId ?? null;
  const tags: Record<string, string> = {};
  if (context.route) tags.route = context.route;
  if (context.routeType) tags.route_type = context.routeType;
  if (context.method) tags.method = context.method;
  if (requestId) tags.request_id = requestId;
  try {
    Sentry.captureException(error, { tags, user: userId ? { id: userId } : undefined, level: "error" });
  } catch {
    // Reporting must never turn into a second failure.
  }
}

/** Waits (bounded) for queued events, e.g. before a script exits. */
export async function flushErrors(timeoutMs = 2000): Promise<void> {
  await globalForSentry.miniportalSentry?.flush(timeoutMs);
}
