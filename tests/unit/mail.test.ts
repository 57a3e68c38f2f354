// The pure parts of email: the SMTP URL and its secrets, what a failure means,
// the retry schedule, local days in a zone, and what a message says.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { announcementMail, inviteMail, reminderMail } from "@/lib/mail/compose";
import { judgeFailure, retryDelayMs } from "@/lib/mail/delivery-outcome";
import { describeSmtp, smtpOptions, smtpUrlProblem } from "@/lib/mail/smtp-url";
import { isTimeZone, localDayAndHour, startOfLocalDay } from "@/lib/time/zones";

const good = { AUTH_SECRET: "s".repeat(40), PORTAL_MASTER_PASS: "m".repeat(20) };
const parse = (extra: Record<string, string>) =>
  parseEnv({
    ...good,
    MINIPORTAL_DATA_DIR: mkdtempSync(path.join(tmpdir(), "mp-mail-")),
    ...extra,
  } as unknown as NodeJS.ProcessEnv);

describe("the SMTP settings", () => {
  it("reads host, port, TLS mode and URL-encoded credentials", () => {
    expect(smtpOptions("smtp://me%40x.org:p%3Ass@mail.example.org")).toEqual({
      host: "mail.example.org",
      port: 587,
      secure: false,
      requireTLS: false,
      auth: { user: "me@x.org", pass: "p:ss" },
    });
    expect(smtpOptions("smtps://mail.example.org")).toMatchObject({ port: 465, secure: true, auth: undefined });
    expect(smtpOptions("smtp://127.0.0.1:2525?tls=required")).toMatchObject({ port: 2525, requireTLS: true });
    expect(describeSmtp("smtp://u:hunter2hunter2@mail.example.org:25")).toBe("smtp://mail.example.org:25");
  });

  it("refuses bad values with messages that never repeat the value", () => {
    for (const bad of [
      "http://u:hunter2hunter2@mail",
      "smtp://u:hunter2hunter2@mail/path",
      "smtp://u:hunter2hunter2@mail?tls=maybe",
      "smtp://u:hunter2hunter2@mail?debug=1",
      "smtp://u@mail",
      "not a url hunter2hunter2",
    ]) {
      const problem = smtpUrlProblem(bad);
      expect(problem, bad).toBeTruthy();
      expect(problem).not.toContain("hunter2");
      expect(() => parse({ MINIPORTAL_SMTP_URL: bad, MINIPORTAL_MAIL_FROM: "p@x.org" })).toThrow(
        /MINIPORTAL_SMTP_URL (must|has)/,
      );
      try {
        parse({ MINIPORTAL_SMTP_URL: bad, MINIPORTAL_MAIL_FROM: "p@x.org" });
      } catch (error) {
        expect(String(error)).not.toContain("hunter2");
      }
    }
  });

  it("needs a sender with a server, and validates the zone and hour", () => {
    expect(() => parse({ MINIPORTAL_SMTP_URL: "smtp://mail.example.org" })).toThrow(
      /MINIPORTAL_MAIL_FROM must be set with MINIPORTAL_SMTP_URL/,
    );
    expect(() => parse({ MINIPORTAL_SMTP_URL: "smtp://mail", MINIPORTAL_MAIL_FROM: "not an address" })).toThrow(
      /MINIPORTAL_MAIL_FROM must be an address/,
    );
    expect(parse({ MINIPORTAL_SMTP_URL: "smtp://mail", MINIPORTAL_MAIL_FROM: "Mini Portal <p@x.org>" })).toMatchObject({
      MINIPORTAL_MAIL_FROM: "Mini Portal <p@x.org>",
      MINIPORTAL_TIMEZONE: "UTC",
      MINIPORTAL_MAIL_HOUR: 18,
    });
    expect(() => parse({ MINIPORTAL_TIMEZONE: "Mars/Olympus" })).toThrow(/MINIPORTAL_TIMEZONE must be an IANA/);
    expect(() => parse({ MINIPORTAL_MAIL_HOUR: "24" })).toThrow(/MINIPORTAL_MAIL_HOUR/);
  });
});

describe("a failed delivery", () => {
  it("is permanent only for a 5xx about this recipient or message", () => {
    expect(judgeFailure({ responseCode: 550, command: "RCPT TO", response: "550 5.1.1 no such user" })).toEqual({
      permanent: true,
      reason: "550 5.1.1 no such user",
    });
    expect(judgeFailure({ responseCode: 552, command: "DATA", message: "too big" }).permanent).toBe(true);
    expect(judgeFailure({ responseCode: 451, command: "RCPT TO", message: "try later" }).permanent).toBe(false);
    // A refused login or sender would refuse every message: retried, the operator alerted.
    expect(judgeFailure({ responseCode: 535, command: "AUTH PLAIN", message: "bad auth" }).permanent).toBe(false);
    expect(judgeFailure({ responseCode: 553, command: "MAIL FROM", message: "sender" }).permanent).toBe(false);
    expect(judgeFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" })).permanent).toBe(false);
  });

  it("is retried after a doubling, jittered, capped delay", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, 30_000, mid)).toBe(3600_000);
    expect(retryDelayMs(1, 30_000, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, 30_000, () => 1)).toBe(36_000);
  });
});

describe("local days", () => {
  it("knows zones by IANA name only", () => {
    expect(isTimeZone("America/Mexico_City")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("../../etc/passwd")).toBe(false);
  });

  it("finds the local day, hour and midnight, across daylight saving", () => {
    const at = new Date("2026-12-08T00:30:00Z");
    expect(localDayAndHour("America/Mexico_City", at)).toEqual({ day: "2026-12-07", hour: 18 });
    expect(startOfLocalDay("America/Mexico_City", at).toISOString()).toBe("2026-12-07T06:00:00.000Z");
    expect(startOfLocalDay("Europe/Madrid", at).toISOString()).toBe("2026-12-07T23:00:00.000Z");
    // 29 March 2026: Madrid moves from UTC+1 to UTC+2 at 02:00; midnight was still at UTC+1.
    expect(startOfLocalDay("Europe/Madrid", new Date("2026-03-29T20:00:00Z")).toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
    // 25 October 2026: back to UTC+1; that day's midnight was at UTC+2.
    expect(startOfLocalDay("Europe/Madrid", new Date("2026-10-25T20:00:00Z")).toISOString()).toBe(
      "2026-10-24T22:00:00.000Z",
    );
  });
});

describe("what a message says", () => {
  const links = {
    accountUrl: "https://p.example/account",
    unsubscribeUrl: "https://p.example/unsubscribe/t",
    oneClickUrl: "https://p.example/unsubscribe/t/one-click",
  };

  it("writes the invite in the recipient's language, with the date in their zone, and escapes names", () => {
    const mail = inviteMail(
      { name: "<b>Ana</b>", locale: "es", timeZone: "America/Mexico_City" },
      { url: "https://p.example/invite/abc", expiresAt: new Date("2026-12-14T12:00:00Z") },
    );
    expect(mail.subject).toBe("Tu invitación a Miniportal");
    expect(mail.text).toContain("Hola, <b>Ana</b>:");
    expect(mail.html).toContain("Hola, &lt;b&gt;Ana&lt;/b&gt;:");
    expect(mail.text).toMatch(/14 de diciembre de 2026.*06:00/);
    expect(mail.headers).toEqual({});
  });

  it("renders an announcement's markdown safely and offers one-click unsubscribe", () => {
    const mail = announcementMail(
      { name: "Ben", locale: "en", timeZone: "UTC" },
      { title: "Exam", body: "**Friday** <script>alert(1)</script> [x](javascript:alert(1))" },
      links,
    );
    expect(mail.html).toContain("<strong>Friday</strong>");
    expect(mail.html).not.toMatch(/<script|javascript:/);
    expect(mail.headers).toEqual({
      "List-Unsubscribe": "<https://p.example/unsubscribe/t/one-click>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(
      reminderMail({ name: "B", locale: "en", timeZone: "UTC" }, 1, "https://p.example/review", links).subject,
    ).toBe("1 card is due for review");
  });
});
