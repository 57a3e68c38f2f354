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

/** The eight 16-bit groups of a valid IPv6 address (any zone id already removed). */
function ipv6Groups(address: string): number[] {
  // An embedded IPv4 tail ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") is written as its two groups first.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((g) => g.toString(16)).join(":"),
  );
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const [head = "", tail] = text.split("::");
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of 2+ zero groups as "::". */
function formatIpv6(groups: number[]): string {
  let best = { at: -1, length: 1 };
  for (let i = 0; i < groups.length;) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (list: number[]) => list.map((g) => g.toString(16)).join(":");
  if (best.at < 0) return hex(groups);
  return `${hex(groups.slice(0, best.at))}::${hex(groups.slice(best.at + best.length))}`;
}

/**
 * The key a per-address rate limit counts under. An IPv6 subscriber is normally
 * given a whole /64 and picks any address in it at will, so counting single IPv6
 * addresses would let one client rotate past every per-address limit: IPv6 is
 * reduced to its /64 ("2001:db8:1:2::/64"). IPv4, and IPv4 written as IPv6
 * ("::ffff:192.0.2.7"), stay the single address ("192.0.2.7"). Anything that is
 * not an address ("unknown") comes back only normalised.
 */
export function limitAddress(ip: string): string {
  const address = normaliseAddress(ip).replace(/%.*$/, ""); // zone ids ("fe80::1%eth0") name our interface
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return normaliseAddress(ip);
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join("."); // IPv4-mapped in hex form (::ffff:c000:207)
  }
  return `${formatIpv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
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
