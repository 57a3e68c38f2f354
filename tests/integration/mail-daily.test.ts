// The daily mail at the student's local hour (MINIPORTAL_MAIL_HOUR, 18:00 here)
// with a fake clock and a real SMTP peer: a reminder only when cards are due and
// the student has not reviewed that local day, once a day even when asked again,
// one-click unsubscribe headers on it, and the digest for those who chose it.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { runDailyMail } from "@/lib/mail/daily";
import { startMailSender } from "@/lib/mail/sender";
import { gradeCard } from "@/lib/review/grading";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { type SmtpPeer, startSmtpPeer } from "../helpers/smtp-peer";
import { useTestDb } from "../helpers/test-db";

describe("daily reminders and digests", () => {
  let peer: SmtpPeer;
  const t = useTestDb({
    MINIPORTAL_BASE_URL: "https://portal.example.org",
    MINIPORTAL_MAIL_FROM: "portal@example.org",
    MINIPORTAL_TIMEZONE: "Europe/Madrid",
    MINIPORTAL_MAIL_HOUR: "18",
  });
  beforeAll(async () => {
    peer = await startSmtpPeer();
    process.env.MINIPORTAL_SMTP_URL = peer.url;
    resetEnvCache();
  });
  afterAll(async () => {
    await peer.stop();
    delete process.env.MINIPORTAL_SMTP_URL;
  });

  const deliver = async (at: Date) => {
    const s = await startMailSender({
      smtpUrl: peer.url,
      from: "portal@example.org",
      log: pino({ level: "silent" }),
      manual: true,
      clock: () => at,
    });
    await s.pollNow();
    await s.stop();
  };

  it("reminds at 18:00 in the student's zone, once, and not after a review that day", async () => {
    const cards = await syncedPhaseCardIds(t);
    const ana = await createActiveUser(); // Mexico City: UTC−6 all year
    await t.db.user.update({ where: { id: ana.id }, data: { timeZone: "America/Mexico_City", locale: "es" } });
    const ben = await createActiveUser(); // the cohort's zone, Madrid: UTC+1 in December
    await t.db.user.update({ where: { id: ben.id }, data: { mailReminders: "never" } });
    const queuedFor = async (userId: string) => t.db.outboxMessage.count({ where: { userId, kind: "reminder" } });

    expect(await runDailyMail(new Date("2026-12-07T23:59:00Z"))).toBe(0); // 17:59 in Mexico City
    expect(await queuedFor(ana.id)).toBe(0);
    await runDailyMail(new Date("2026-12-08T00:00:30Z")); // 18:00:30 there, still 7 December
    expect(await queuedFor(ana.id)).toBe(1);
    await runDailyMail(new Date("2026-12-08T02:00:00Z")); // asked again the same local day
    expect(await queuedFor(ana.id)).toBe(1);
    expect(await queuedFor(ben.id)).toBe(0); // chose never

    await deliver(new Date("2026-12-08T00:01:00Z"));
    const mail = peer.received().find((m) => m.to.includes(ana.email))!;
    expect(mail.subject).toMatch(/tarjetas pendientes de repaso$/);
    expect(mail.text).toContain("https://portal.example.org/review");
    expect(mail.headers["list-unsubscribe"]).toMatch(
      /^<https:\/\/portal\.example\.org\/unsubscribe\/[^>]+\/one-click>$/,
    );
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // 8 December: she reviews at 09:00 her time, so the 18:00 run sends nothing.
    await gradeCard(ana.user, cards[0]!, 5, new Date("2026-12-08T15:00:00Z"));
    await runDailyMail(new Date("2026-12-09T00:05:00Z"));
    expect(await queuedFor(ana.id)).toBe(1);
  });

  it("gathers announcements and the reminder into one digest for those who chose daily", async () => {
    await syncedPhaseCardIds(t);
    const cy = await createActiveUser();
    await t.db.user.update({
      where: { id: cy.id },
      data: { mailReminders: "daily", mailAnnouncements: "daily", createdAt: new Date("2026-12-01T00:00:00Z") },
    });
    await t.db.announcement.create({
      data: { title: "Exam moved", body: "The **exam** is on *Friday*.", createdAt: new Date("2026-12-10T09:00:00Z") },
    });
    await runDailyMail(new Date("2026-12-10T17:00:30Z")); // 18:00 in Madrid
    const rows = await t.db.outboxMessage.findMany({ where: { userId: cy.id } });
    expect(rows.map((r) => r.kind)).toEqual(["digest"]);
    await deliver(new Date("2026-12-10T17:01:00Z"));
    const digest = peer.received().find((m) => m.to.includes(cy.email))!;
    expect(digest.subject).toBe("Your Miniportal day");
    expect(digest.text).toMatch(/flashcards are due today/);
    expect(digest.html).toContain("<strong>exam</strong>");
    // The next day the announcement is not repeated; the cards are still due, so the reminder part is.
    await runDailyMail(new Date("2026-12-11T17:00:30Z"));
    const next = await t.db.outboxMessage.findMany({ where: { userId: cy.id }, orderBy: { createdAt: "asc" } });
    expect(next).toHaveLength(2);
    await deliver(new Date("2026-12-11T17:01:00Z"));
    const second = peer.received().filter((m) => m.to.includes(cy.email))[1]!;
    expect(second.text).not.toContain("Exam moved");
  });
});
