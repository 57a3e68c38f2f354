// One-click unsubscribe (RFC 8058): a link that needs no sign-in, signed with a
// key derived from AUTH_SECRET so it cannot be made for someone else, and
// naming only what it stops. It does not expire: an old email must still work.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

/** What a link stops: one kind of email, or every optional one (the digest's link). */
export const UNSUBSCRIBE_SCOPES = ["announcements", "reminders", "all"] as const;
export type UnsubscribeScope = (typeof UNSUBSCRIBE_SCOPES)[number];

const mac = (payload: string) =>
  createHmac("sha256", `mail-unsubscribe:${env().AUTH_SECRET}`).update(payload).digest("base64url").slice(0, 32);

export function unsubscribeToken(userId: string, scope: UnsubscribeScope): string {
  const payload = `${Buffer.from(userId).toString("base64url")}.${scope}`;
  return `${payload}.${mac(payload)}`;
}

/** The links every optional email carries: the page a reader opens, and the one-click POST target. */
export function mailLinks(userId: string, scope: UnsubscribeScope) {
  const token = unsubscribeToken(userId, scope);
  const base = env().baseUrl;
  return {
    accountUrl: new URL("/account", base).toString(),
    unsubscribeUrl: new URL(`/unsubscribe/${token}`, base).toString(),
    oneClickUrl: new URL(`/unsubscribe/${token}/one-click`, base).toString(),
  };
}

/** The user and scope a token names, or null for anything not made by unsubscribeToken. */
export function readUnsubscribeToken(token: string): { userId: string; scope: UnsubscribeScope } | null {
  if (token.length > 200) return null;
  const match = /^([A-Za-z0-9_-]{1,120})\.(announcements|reminders|all)\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id = "", scope = "", signature = ""] = match;
  const expected = Buffer.from(mac(`${id}.${scope}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: Buffer.from(id, "base64url").toString(), scope: scope as UnsubscribeScope };
}
