// Mail preferences on /account and unsubscribing by link without signing in: the
// choices are validated and audited, a link stops exactly its scope and nothing
// else, a forged or altered link changes nothing, and the RFC 8058 one-click POST
// passes the proxy's cross-site checks (only there) and answers 200/400/404/429.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/unsubscribe/[token]/one-click/route";
import {
  applyUnsubscribe,
  getMailPreferences,
  inspectUnsubscribe,
  mailPreferencesSchema,
  maskEmail,
  updateMailPreferences,
} from "@/lib/mail/preferences";
import { unsubscribeToken } from "@/lib/mail/unsubscribe";
import { guardRequest } from "@/lib/security/proxy-guard";
import { resetRateLimits } from "@/lib/security/rate-limit";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
beforeAll(() => resetRateLimits()); // a store of this file's data dir, not another file's
afterAll(() => resetRateLimits());

const prefsOf = (id: string) =>
  t.db.user.findUniqueOrThrow({
    where: { id },
    select: { mailAnnouncements: true, mailReminders: true, timeZone: true },
  });
const eventsOf = (action: string) => t.db.eventLog.findMany({ where: { action }, orderBy: { id: "asc" } });

let addresses = 0;
/** A fresh client address per test, so one test's failures never throttle another's. */
const freshIp = () => `10.77.${Math.floor(++addresses / 250)}.${addresses % 250}`;

describe("mail preferences on /account", () => {
  it("start from the defaults, save a valid choice and audit it", async () => {
    const student = await createActiveUser();
    expect(await getMailPreferences(student.user)).toMatchObject({
      announcements: "immediately",
      reminders: "immediately",
      timeZone: null,
      cohortTimeZone: "UTC",
      mailHour: 18,
      mailEnabled: false,
    });
    const saved = await updateMailPreferences(
      student.user,
      { announcements: "daily", reminders: "never", timeZone: "Europe/Madrid" },
      "req-mail-1",
    );
    expect(saved).toMatchObject({ announcements: "daily", reminders: "never", timeZone: "Europe/Madrid" });
    expect(await prefsOf(student.id)).toEqual({
      mailAnnouncements: "daily",
      mailReminders: "never",
      timeZone: "Europe/Madrid",
    });
    const [event] = (await eventsOf("account.mail_preferences")).filter((e) => e.actorId === student.id);
    expect(event).toMatchObject({ targetType: "user", targetId: student.id, requestId: "req-mail-1" });
    expect(JSON.parse(event!.detail!)).toEqual({
      announcements: "daily",
      reminders: "never",
      timeZone: "Europe/Madrid",
    });

    // "" is the cohort's zone again; a kind left out (an admin's form) stays as it was.
    await updateMailPreferences(student.user, { timeZone: "" });
    expect(await prefsOf(student.id)).toEqual({ mailAnnouncements: "daily", mailReminders: "never", timeZone: null });
  });

  it("refuse an unknown kind or zone, with the field named, and change nothing", async () => {
    const student = await createActiveUser();
    const before = await prefsOf(student.id);
    const bad = [
      [{ announcements: "weekly" }, "announcements", "mailFrequency"],
      [{ reminders: "" }, "reminders", "mailFrequency"],
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone", "timeZoneUnknown"],
      [{ timeZone: "../../etc/passwd" }, "timeZone", "timeZoneUnknown"],
      [{ timeZone: "Europe/" + "x".repeat(80) }, "timeZone", "timeZoneUnknown"],
    ] as const;
    for (const [input, field, key] of bad) {
      await expect(updateMailPreferences(student.user, input), JSON.stringify(input)).rejects.toMatchObject({
        kind: "invalid",
        field,
        key,
      });
    }
    expect(await prefsOf(student.id)).toEqual(before);
    expect((await eventsOf("account.mail_preferences")).filter((e) => e.actorId === student.id)).toEqual([]);
    // The form's schema names the same messages (catalogue paths) for its field errors.
    const parsed = mailPreferencesSchema.safeParse({ announcements: "weekly", timeZone: "Nowhere/Town" });
    expect(parsed.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["announcements", "errors.mailFrequency"],
      ["timeZone", "errors.timeZoneUnknown"],
    ]);
  });

  it("masks the address an unsubscribe page shows", () => {
    expect(maskEmail("ada@example.org")).toBe("a…@example.org");
    expect(maskEmail("x@xn--mnchen-3ya.de")).toBe("x…@münchen.de");
  });
});

describe("unsubscribe links", () => {
  it("stop exactly their scope, once: opening the page changes nothing, a repeat audits nothing", async () => {
    const student = await createActiveUser();
    const token = unsubscribeToken(student.id, "announcements");
    expect(await inspectUnsubscribe(token)).toEqual({
      scope: "announcements",
      kinds: ["announcements"],
      maskedEmail: maskEmail(student.email),
    });
    expect(await prefsOf(student.id)).toMatchObject({ mailAnnouncements: "immediately" });

    expect(await applyUnsubscribe(token, "req-unsub-1")).toMatchObject({ scope: "announcements", changed: true });
    expect(await prefsOf(student.id)).toEqual({
      mailAnnouncements: "never",
      mailReminders: "immediately",
      timeZone: null,
    });
    expect(await applyUnsubscribe(token, "req-unsub-2")).toMatchObject({ scope: "announcements", changed: false });
    const events = (await eventsOf("mail.unsubscribed")).filter((e) => e.targetId === student.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: student.id, targetType: "user", requestId: "req-unsub-1" });
    expect(JSON.parse(events[0]!.detail!)).toEqual({ scope: "announcements", stopped: "announcements" });

    await applyUnsubscribe(unsubscribeToken(student.id, "reminders"));
    expect(await prefsOf(student.id)).toMatchObject({ mailAnnouncements: "never", mailReminders: "never" });
  });

  it('"all" stops both kinds', async () => {
    const student = await createActiveUser();
    await updateMailPreferences(student.user, { announcements: "daily", reminders: "daily" });
    expect(await applyUnsubscribe(unsubscribeToken(student.id, "all"))).toMatchObject({
      kinds: ["announcements", "reminders"],
      changed: true,
    });
    expect(await prefsOf(student.id)).toMatchObject({ mailAnnouncements: "never", mailReminders: "never" });
  });

  it("a forged, altered or foreign link is refused and changes nothing", async () => {
    const [ada, bob] = [await createActiveUser(), await createActiveUser()];
    const good = unsubscribeToken(ada.id, "announcements");
    const [, , signature = ""] = good.split(".");
    const b64 = (id: string) => Buffer.from(id).toString("base64url");
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith("A") ? "B" : "A");
    const refused = [
      flip(good), // tampered signature
      `${b64(bob.id)}.announcements.${signature}`, // another user's id with Ada's signature
      `${b64(ada.id)}.all.${signature}`, // a wider scope than signed
      `${b64(ada.id)}.reminders.${signature}`,
      unsubscribeToken("no-such-user", "all"), // well signed, nobody behind it
      "",
      "garbage",
      "a.b.c",
      `${good}.extra`,
      good.toUpperCase(),
      "x".repeat(300),
      "../../etc/passwd",
      "\u0000.all.\u0000",
    ];
    const before = [await prefsOf(ada.id), await prefsOf(bob.id)];
    for (const token of refused) {
      expect(await inspectUnsubscribe(token), token).toBeNull();
      expect(await applyUnsubscribe(token), token).toBeNull();
    }
    expect([await prefsOf(ada.id), await prefsOf(bob.id)]).toEqual(before);
    const touched = (await eventsOf("mail.unsubscribed")).filter((e) => [ada.id, bob.id].includes(e.targetId ?? ""));
    expect(touched).toEqual([]);
  });
});

describe("the one-click POST (RFC 8058)", () => {
  const context = (token: string) => ({ params: Promise.resolve({ token }) });
  const post = (token: string, body: BodyInit, type: string | null, ip: string) => {
    const headers: Record<string, string> = { "x-forwarded-for": ip };
    if (type) headers["content-type"] = type;
    const request = new Request(`http://127.0.0.1:3000/unsubscribe/${token}/one-click`, {
      method: "POST",
      body,
      headers,
    });
    return POST(request, context(token));
  };
  const FORM = "application/x-www-form-urlencoded";

  it("answers 200 as form data or multipart, 400 for another body, 404 for a bad token", async () => {
    const student = await createActiveUser();
    const ip = freshIp();
    const announcements = unsubscribeToken(student.id, "announcements");
    const ok = await post(announcements, "List-Unsubscribe=One-Click", FORM, ip);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^Unsubscribed: announcement emails stopped\.\n$/);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(await prefsOf(student.id)).toMatchObject({ mailAnnouncements: "never", mailReminders: "immediately" });
    expect((await post(announcements, "List-Unsubscribe=One-Click", FORM, ip)).status).toBe(200); // a retry

    const multipart = new FormData();
    multipart.append("List-Unsubscribe", "One-Click");
    expect((await post(unsubscribeToken(student.id, "reminders"), multipart, null, ip)).status).toBe(200);
    expect(await prefsOf(student.id)).toMatchObject({ mailReminders: "never" });

    const other = await createActiveUser();
    const token = unsubscribeToken(other.id, "all");
    for (const [body, type] of [
      ["List-Unsubscribe=Other", FORM],
      ["", FORM],
      ["List-Unsubscribe=One-Click", "text/plain"],
      ['{"List-Unsubscribe":"One-Click"}', "application/json"],
      [`List-Unsubscribe=One-Click&pad=${"x".repeat(9000)}`, FORM],
    ] as const) {
      const answer = await post(token, body, type, freshIp());
      expect(answer.status, `${type} ${body.slice(0, 40)}`).toBe(400);
    }
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const forged = await post(tampered, "List-Unsubscribe=One-Click", FORM, freshIp());
    const nobody = await post(unsubscribeToken("gone", "all"), "List-Unsubscribe=One-Click", FORM, freshIp());
    expect([forged.status, nobody.status]).toEqual([404, 404]);
    expect(await forged.text()).toBe(await nobody.text()); // an account's existence is never told
    expect(await prefsOf(other.id)).toMatchObject({ mailAnnouncements: "immediately", mailReminders: "immediately" });
  });

  it("sends a browser's GET to the page, which asks first", async () => {
    const token = unsubscribeToken("someone", "all");
    const answer = await GET(new Request(`http://127.0.0.1:3000/unsubscribe/${token}/one-click`), context(token));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/unsubscribe/${token}`);
  });

  it("shares the invite budget per address: the 11th bad token from one address is 429", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await post(`forged${i}.all.${"A".repeat(32)}`, "List-Unsubscribe=One-Click", FORM, ip)).status);
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
    const limited = await post("x.all.y", "List-Unsubscribe=One-Click", FORM, ip);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("passes the proxy's cross-site checks on exactly that path, and not as a server action", async () => {
    const token = unsubscribeToken("someone", "announcements");
    const provider = (path: string, extra: Record<string, string> = {}) => {
      const body = new FormData();
      body.append("List-Unsubscribe", "One-Click");
      return new NextRequest(`http://127.0.0.1:3000${path}`, {
        method: "POST",
        body,
        // A provider's server: its own Origin (or none), cross-site fetch metadata, no cookie.
        headers: {
          host: "127.0.0.1:3000",
          origin: "https://mail.example.net",
          "sec-fetch-site": "cross-site",
          "x-forwarded-for": freshIp(),
          ...extra,
        },
      });
    };
    expect(await guardRequest(provider(`/unsubscribe/${token}/one-click`), "req-oc-1")).toBeNull();
    const refused = [
      provider(`/unsubscribe/${token}`), // the page: its confirm button is an origin-checked action
      provider(`/unsubscribe/${token}/one-click/more`),
      provider(`/x/unsubscribe/${token}/one-click`),
      provider(`/unsubscribe/${token}/one-click`, { "next-action": "7f".padEnd(42, "0") }),
      provider("/login"),
    ];
    for (const request of refused) {
      const answer = await guardRequest(request, "req-oc-2");
      expect(answer?.status, request.nextUrl.pathname).toBe(403);
    }
  });
});
