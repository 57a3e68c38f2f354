// Who may read /metrics. With MINIPORTAL_METRICS_TOKEN set, whoever presents it.
// Without one, Prometheus' usual open scrape still works, but only for scrapers on
// loopback or a private network: a portal published on the internet without a token
// does not hand its counters (user counts, error rates, build) to anyone who asks.
import { isIP } from "node:net";
import { resolveClientIp } from "../security/client-ip";
import { trustedPeerAddress } from "../security/peer-address";
import { bearerTokenMatches } from "./metrics-auth";

/** IPv4 ranges no public host can come from: loopback, RFC 1918, link-local. */
const PRIVATE_V4: ReadonlyArray<readonly [number, number]> = [
  [0x7f000000, 8], // 127.0.0.0/8
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0xa9fe0000, 16], // 169.254.0.0/16
];

function v4Number(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4Range(address: string, [base, bits]: readonly [number, number]): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (v4Number(address) & mask) >>> 0 === base;
}

/** True for loopback and private-network addresses (IPv4, IPv6, IPv4-mapped IPv6). */
export function isPrivateAddress(raw: string): boolean {
  const address = raw
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "")
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const v4 = mapped ?? address;
  if (isIP(v4) === 4) return PRIVATE_V4.some((range) => inV4Range(v4, range));
  if (isIP(address) !== 6) return false;
  if (address === "::1") return true;
  const first = parseInt(address.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 /* fc00::/7 */ || (first & 0xffc0) === 0xfe80; /* fe80::/10 */
}

export type MetricsAccess =
  { allowed: true } | { allowed: false; status: 401 | 403; message: string; headers?: Record<string, string> };

type Headers = { get(name: string): string | null };

/**
 * The scraper's address is the TCP peer stamped by lib/security/peer-address.ts, or,
 * behind MINIPORTAL_TRUSTED_PROXIES proxies, the client they forwarded for (so a public
 * visitor reaching /metrics through the balancer is not mistaken for the balancer).
 */
export function metricsAccess(headers: Headers, config: { token?: string; trustedHops: number }): MetricsAccess {
  if (config.token) {
    return bearerTokenMatches(headers.get("authorization"), config.token)
      ? { allowed: true }
      : {
          allowed: false,
          status: 401,
          message: "Unauthorized: send Authorization: Bearer <MINIPORTAL_METRICS_TOKEN>",
          headers: { "www-authenticate": 'Bearer realm="metrics"' },
        };
  }
  const peer = trustedPeerAddress(headers);
  const client = peer
    ? resolveClientIp({ peer, forwardedFor: headers.get("x-forwarded-for"), trustedHops: config.trustedHops })
    : null;
  if (client && isPrivateAddress(client)) return { allowed: true };
  return {
    allowed: false,
    status: 403,
    message:
      `Forbidden: without MINIPORTAL_METRICS_TOKEN, /metrics answers only loopback and private-network scrapers` +
      ` (this request came from ${client ?? "an unknown address"}). Set MINIPORTAL_METRICS_TOKEN and give it to Prometheus.`,
  };
}

/** A base URL whose host the public internet can reach (not localhost, a private address or a local-only name). */
export function isPublicBaseUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (isIP(host)) return !isPrivateAddress(host);
  if (!host.includes(".")) return false; // "localhost", "app", a compose service name
  return !/\.(localhost|local|internal|lan|home\.arpa|test|example|invalid)$/.test(host);
}
