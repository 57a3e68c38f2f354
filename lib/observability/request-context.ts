// Request-scoped context: the request id and, once the session is verified, the
// user id. The HTTP observer (lib/observability/http-observer.ts) opens a store
// when a request arrives; log lines and audit rows read it. The store lives on
// globalThis because every Next bundle carries its own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { headers } from "next/headers";
import { requestIdFromHeader } from "./request-id";

export const REQUEST_ID_HEADER = "x-request-id";
export const PATH_HEADER = "x-miniportal-path";

export type RequestStore = {
  requestId: string;
  /** Null until getCurrentUser has verified a session for this request. */
  studentId: string | null;
  /**
   * Set when the request failed on the server although its HTTP status cannot say
   * so (a server action answers 200 with an error state): the observer counts and
   * logs it as a 500.
   */
  serverFault?: boolean;
  /**
   * The verified user of this request, by the session token it was verified for
   * (lib/auth/current-user.ts). React's cache() only lasts one render, and a
   * server action runs before the render that follows it in the same request.
   */
  session?: { token: string | null; user: Promise<unknown> };
};

const globalForContext = globalThis as unknown as { miniportalRequestStorage?: AsyncLocalStorage<RequestStore> };

export function requestStorage(): AsyncLocalStorage<RequestStore> {
  globalForContext.miniportalRequestStorage ??= new AsyncLocalStorage<RequestStore>();
  return globalForContext.miniportalRequestStorage;
}

/** The current request's store, or undefined outside a request (scripts, tests). */
export function currentRequestStore(): RequestStore | undefined {
  return requestStorage().getStore();
}

/** Called after a session is verified: from here on the request is this user's. */
export function bindRequestUser(userId: string): void {
  const store = currentRequestStore();
  if (store) store.studentId = userId;
}

/** This request failed on the server (a storage fault): count it as a 5xx. */
export function markServerFault(): void {
  const store = currentRequestStore();
  if (store) store.serverFault = true;
}

export async function currentRequestId(): Promise<string | null> {
  const fromStore = currentRequestStore()?.requestId;
  if (fromStore) return fromStore;
  try {
    return requestIdFromHeader((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    return null; // outside a request (scripts, tests)
  }
}

/**
 * The token of a one-time link (/invite/<token>, /reset/<token>) in this request's
 * path: not-found pages get no params, so proxy.ts passes the path in a header.
 * A malformed escape is simply not a token.
 */
export async function linkTokenOfRequest(segment: "invite" | "reset"): Promise<string> {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  const raw = new RegExp(`^/${segment}/([^/]+)`).exec(path)?.[1] ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}
