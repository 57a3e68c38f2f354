// A caller's X-Request-Id is echoed in the response, written into log lines and
// audit rows, and shown to admins, so it is kept only when it is a bounded token:
// 8 to 64 of [A-Za-z0-9._:-] (enough for a UUID, a trace id or "client-id-0001";
// no spaces, control characters, markup, commas of repeated headers or
// log-forging newlines). Anything else gets a freshly minted id.
const FORMAT = /^[A-Za-z0-9._:-]{8,64}$/;

/** True for an id the portal may keep as given (what it mints is always one). */
export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === "string" && FORMAT.test(value);
}

export function acceptOrMintRequestId(incoming: string | null | undefined): string {
  return isAcceptableRequestId(incoming) ? incoming : crypto.randomUUID();
}

/**
 * An id read back from the request headers, where proxy.ts or the HTTP observer
 * normally put a checked one; a request that bypassed both gets null (no id), never
 * the caller's raw text in an audit row.
 */
export function requestIdFromHeader(value: string | null | undefined): string | null {
  return isAcceptableRequestId(value) ? value : null;
}
