// The client address a rate limit is keyed on. X-Forwarded-For is believed only
// for the hops added by MINIPORTAL_TRUSTED_PROXIES proxies in front of us, counted
// from the right; with none configured, only the TCP peer counts, so a client
// cannot pick its own key by sending the header itself.
import { isIP } from "node:net";
import { PEER_HEADER, trustedPeerAddress } from "./peer-address";

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same client. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (v4mapped?.[1] ?? trimmed).toLowerCase();
}

/**
 * peer: the TCP peer (our nearest hop). forwardedFor: the X-Forwarded-For value(s).
 * Each trusted proxy appends the address it saw, so the client is the entry
 * `trustedHops` places left of the peer; a shorter chain yields its leftmost entry.
 */
export function resolveClientIp(input: {
  peer: string | null;
  forwardedFor: string | null;
  trustedHops: number;
}): string {
  const peer = input.peer ? normaliseAddress(input.peer) : "unknown";
  if (input.trustedHops <= 0) return peer;
  const forwarded = (input.forwardedFor ?? "")
    .split(",")
    .map((part) => normaliseAddress(part))
    .filter((part) => part.length > 0);
  const chain = [...forwarded, peer];
  const index = Math.max(0, chain.length - 1 - input.trustedHops);
  const candidate = chain[index] ?? peer;
  // Garbage in a forwarded header is not an address: fall back to the nearest hop.
  return isIP(candidate) ? candidate : peer;
}

type HeaderSource = { get(name: string): string | null };

/**
 * From request headers as proxy.ts, actions and route handlers see them. The peer
 * comes from the stamp peer-address.ts puts on each request; without that stamp
 * Next's own x-forwarded-for (which it fills with the peer only when absent) is
 * the best left, so its rightmost entry stands in for the peer.
 */
export function clientIpFromHeaders(headers: HeaderSource, trustedHops: number): string {
  const forwardedFor = headers.get("x-forwarded-for");
  const stamped = trustedPeerAddress(headers);
  if (stamped) return resolveClientIp({ peer: stamped, forwardedFor, trustedHops });
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const peer = hops.pop() ?? null;
  return resolveClientIp({ peer, forwardedFor: hops.join(","), trustedHops });
}

export { PEER_HEADER };
