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

/** Hosts (host[:port]) this portal answers as: the configured base URL, and the Host the browser used. */
export function allowedHosts(headers: HeaderSource): Set<string> {
  const hosts = new Set<string>();
  const base = env().MINIPORTAL_BASE_URL;
  if (base) hosts.add(new URL(base).host.toLowerCase());
  const host = headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  // Behind trusted proxies the public host arrives as X-Forwarded-Host.
  const forwardedHost = env().MINIPORTAL_TRUSTED_PROXIES > 0 ? headers.get("x-forwarded-host") : null;
  if (forwardedHost) hosts.add(forwardedHost.split(",")[0]!.trim().toLowerCase());
  return hosts;
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
  return allowedHosts(headers).has(parsed.host.toLowerCase()) ? { ok: true } : { ok: false, reason: "origin_foreign" };
}

export const CROSS_SITE_MESSAGE = "This request came from another site and was refused. Open the portal directly and try again.";
