// What the end-of-request log line and metric labels look like. Pure functions,
// so the policy (levels, label bounds) is unit-tested apart from the HTTP plumbing.

/** Routes that are not counted in the request metrics, not traced, and logged at debug. */
export const PLUMBING_ROUTES: ReadonlySet<string> = new Set(["/metrics", "/health"]);

/** Auth paths (and links that carry a signed token) where any 4xx is a security event. */
const AUTH_ROUTES: ReadonlySet<string> = new Set([
  "/login",
  "/invite/[token]",
  "/reset/[token]",
  "/unsubscribe/[token]",
  "/unsubscribe/[token]/one-click",
  "/api/auth/[...nextauth]",
]);
const SECURITY_STATUSES: ReadonlySet<number> = new Set([401, 403, 429]);

/** Static build assets: neither counted nor logged (they would drown the page latency). */
export function isStaticAsset(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image") || pathname === "/favicon.ico";
}

const METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Unknown verbs share one label value, like unknown paths. */
export function methodLabel(method: string | undefined): string {
  const upper = (method ?? "").toUpperCase();
  return METHODS.has(upper) ? upper : "OTHER";
}

/** Status label: the HTTP status, or 499 (nginx's "client closed request") for an aborted response. */
export function statusLabel(statusCode: number, finished: boolean): string {
  if (!finished) return "499";
  return Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? String(statusCode) : "500";
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export function completionLevel(route: string, status: number): LogLevel {
  if (status >= 500 && status !== 499) return "error";
  if (SECURITY_STATUSES.has(status)) return "warn";
  if (status >= 400 && status < 500 && AUTH_ROUTES.has(route)) return "warn";
  if (PLUMBING_ROUTES.has(route)) return "debug";
  return "info";
}

export type RequestCompleted = {
  event: "request.completed";
  request_id: string;
  student_id: string | null;
  route: string;
  method: string;
  status: number;
  latency_ms: number;
};

export function requestCompleted(
  fields: Omit<RequestCompleted, "event" | "latency_ms"> & { latencyMs: number },
): RequestCompleted {
  const { latencyMs, ...rest } = fields;
  return { event: "request.completed", ...rest, latency_ms: Math.round(latencyMs * 10) / 10 };
}
