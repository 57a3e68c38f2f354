// Next.js does not hand proxy.ts or actions the TCP peer address, and it keeps a
// client-sent X-Forwarded-For as is. Node's `http.server.request.start`
// diagnostics channel fires before Next sees the request, so we stamp the real
// peer onto the request headers there, with a per-process secret that proves
// the stamp is ours and not a header the client sent.
import { subscribe } from "node:diagnostics_channel";
import { randomBytes } from "node:crypto";
import { safeEqual } from "./tokens";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-miniportal-peer";
export const PEER_PROOF_HEADER = "x-miniportal-peer-proof";

type StampState = { proof: string; installed: boolean };
const globalForStamp = globalThis as unknown as { miniportalPeerStamp?: StampState };

function state(): StampState {
  globalForStamp.miniportalPeerStamp ??= { proof: randomBytes(18).toString("base64url"), installed: false };
  return globalForStamp.miniportalPeerStamp;
}

/** Idempotent; call once at startup (next.config.ts) and again from proxy.ts as a fallback. */
export function installPeerAddressStamp(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    // Overwrites whatever a client sent under these names.
    request.headers[PEER_HEADER] = socket.remoteAddress ?? "unknown";
    request.headers[PEER_PROOF_HEADER] = s.proof;
  });
}

/** The stamped peer address, or null when the request carries no valid stamp. */
export function trustedPeerAddress(headers: { get(name: string): string | null }): string | null {
  const s = globalForStamp.miniportalPeerStamp;
  if (!s?.installed) return null;
  const proof = headers.get(PEER_PROOF_HEADER);
  return proof !== null && safeEqual(proof, s.proof) ? headers.get(PEER_HEADER) : null;
}
