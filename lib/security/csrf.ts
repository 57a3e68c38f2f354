// Cross-site request forgery guard. Browsers send Origin on every unsafe request
// (and Sec-Fetch-Site with it), so an unsafe request is refused when its Origin is
// foreign or "null", or when Origin is missing and the fetch metadata says the
// request came from another site. Clients without either header (curl, scripts)
// carry no ambient browser credentials and pass.
import { env } from "../env";

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type CsrfReason = "origin_null" | "origin_malformed" | "origin_foreign" | "cross_site_fetch";
export type CsrfVerdict = { ok: true } | { ok: false; reason: CsrfReason };

type HeaderSource = { get(name: string): string | null };

/** The scheme browsers use to reach us: the base URL's, or X-Forwarded-Proto behind trusted proxies. */
function servedScheme(headers: HeaderSource): string {
  const forwarded =
    env().MINIPORTAL_TRUSTED_PROXIES > 0
      ? headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase()
      : undefined;
  return forwarded === "http" || forwarded === "https" ? `${forwarded}:` : new URL(env().baseUrl).protocol;
}

/**
 * Origins (scheme, host and port) this portal answers as: the configured base
 * URL's, and the Host the browser used (X-Forwarded-Host behind trusted proxies)
 * with the scheme the portal is served over. An http page cannot post to an
 * https portal, nor :8443 to :443.
 */
export function allowedOrigins(headers: HeaderSource): Set<string> {
  const origins = new Set<string>([new URL(env().baseUrl).origin]);
  const scheme = servedScheme(headers);
  const hosts = [
    headers.get("host"),
    env().MINIPORTAL_TRUSTED_PROXIES > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : null,
  ];
  for (const host of hosts) {
    if (!host) continue;
    try {
      origins.add(new URL(`${scheme}//${host}`).origin);
    } catch {
      // A Host that is not a host adds nothing.
    }
  }
  return origins;
}

export function checkSameOrigin(method: string, headers: HeaderSource): CsrfVerdict {
  if (!UNSAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const origin = headers.get("origin");
  if (origin === null) {
    return headers.get("sec-fetch-site") === "cross-site" ? { ok: false, reason: "cross_site_fetch" } : { ok: true };
  }
  if (origin.trim().toLowerCase() === "null") return { ok: false, reason: "origin_null" };
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { ok: false, reason: "origin_malformed" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { ok: false, reason: "origin_malformed" };
  // URL.origin normalises case and default ports, so the comparison is exact on scheme, host and port.
  return allowedOrigins(headers).has(parsed.origin) ? { ok: true } : { ok: false, reason: "origin_foreign" };
}

/** The refusal of a cross-site request, as a catalogue path (shown in the request's language). */
export const CROSS_SITE_MESSAGE = "common.refusal.crossSite";

/**
 * Next.js runs a server action only when the Origin's host is exactly the
 * X-Forwarded-Host (its first value) or, without one, the Host header — whatever
 * the trusted-proxy setting — and answers 500 otherwise. True when it would:
 * the guard refuses such a request with a 403 first. (checkSameOrigin has
 * already refused a null or malformed Origin.)
 */
export function nextActionHostMismatch(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return originHost !== (forwarded || headers.get("host"));
}
