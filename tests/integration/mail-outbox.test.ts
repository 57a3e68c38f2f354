// The outbox against a real SMTP server on loopback (tests/helpers/smtp-peer.ts)
// and a real database: an invite and its email commit together, the email
// arrives with its link and the Message-ID fixed at enqueue, a 550 recipient is
// failed without retries, a stopped server delays mail without losing or doubling
// it, two senders never send one message twice, and a claim left by a dead
// sender is taken over once its lease ends.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectInvite, issueInvite, redeemInvite } from "@/lib/auth/invites";
import { issuePasswordReset } from "@/lib/auth/password-reset";
import { resetEnvCache } from "@/lib/env";
import { type MailSender, startMailSender } from "@/lib/mail/sender";
import { mailMetrics } from "@/lib/mail/mail-metrics";
import { createActiveUser } from "../helpers/fixtures";
import { type SmtpPeer, startSmtpPeer } from "../helpers/smtp-peer";
import { useTestDb } from "../helpers/test-db";

const silent = pino({ level: "silent" });

describe("the mail outbox", () => {
  let peer: SmtpPeer;
  const t = useTestDb({
    MINIPORTAL_BASE_URL: "https://portal.example.org",
    MINIPORTAL_MAIL_FROM: "portal@example.org",
  });
  const senders: MailSender[] = [];
  const sender = async (extra: { leaseMs?: number; retryBaseMs?: number } = {}) => {
    const s = await startMailSender({
      smtpUrl: peer.url,
      from: "Miniportal <portal@example.org>",
      log: silent,
      manual: true,
      retryBaseMs: extra.retryBaseMs ?? 50,
      ...extra,
    });
    senders.push(s);
    return s;
  };

  beforeAll(async () => {
    peer = await startSmtpPeer({ reject: ["nobody@example.org"] });
    process.env.MINIPORTAL_SMTP_URL = peer.url;
    resetEnvCache();
  });
  afterAll(async () => {
    for (const s of senders) await s.stop();
    await peer.stop();
    delete process.env.MINIPORTAL_SMTP_URL;
  });

  it("commits an invite and its email together and delivers the link that redeems", async () => {
    const before = peer.received().length;
    const invite = await issueInvite({
      email: "ana@example.org",
      name: "Ana",
      role: "student",
      actorId: null,
      mailIn: "es",
    });
    expect(invite.emailed).toBe(true);
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { userId: invite.userId, kind: "invite" } });
    expect(row.status).toBe("pending");
    // Sealed at rest: the live token is not in the stored bytes.
    expect(Buffer.from(row.ciphertext!).includes(Buffer.from(invite.token))).toBe(false);

    // A refused invite (the address belongs to an active account) leaves no email behind.
    const active = await createActiveUser();
    await expect(
      issueInvite({ email: active.email, name: "X", role: "student", actorId: null, mailIn: "en" }),
    ).rejects.toThrow();
    expect(await t.db.outboxMessage.count({ where: { toAddress: active.email } })).toBe(0);

    await (await sender()).pollNow();
    const mail = (await peer.waitForCount(before + 1)).at(-1)!;
    expect(mail.to).toEqual(["ana@example.org"]);
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.subject).toBe("Tu invitación a Miniportal");
    expect(mail.html).toContain('lang="es"');
    const url = /https:\/\/portal\.example\.org\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(url).toBe(invite.token);
    expect((await inspectInvite(url!)).kind).toBe("ok");
    expect((await redeemInvite({ token: url!, password: "a long enough passphrase here" })).ok).toBe(true);

    const sent = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 1, ciphertext: null, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("emails a reset link in the student's language and marks a refused recipient failed without retrying", async () => {
    const admin = await createActiveUser("admin");
    const student = await createActiveUser();
    await t.db.user.update({ where: { id: student.id }, data: { email: "nobody@example.org" } });
    const reset = await issuePasswordReset(admin, student.id);
    expect(reset.emailed).toBe(true);
    const s = await sender();
    await s.pollNow();
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { userId: student.id, kind: "reset" } });
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/550|Recipient address rejected/);
    expect(row.ciphertext).toBeNull(); // nothing left to send, so the link is not kept either
    await s.pollNow();
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
    expect(await mailMetrics().registry.getSingleMetricAsString("portal_mail_sent_total")).toMatch(
      /portal_mail_sent_total\{kind="reset",outcome="failed"\} 1/,
    );
  });

  it("keeps mail while the server is down and then delivers each message exactly once", async () => {
    const before = peer.received().length;
    await peer.stop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const invite = await issueInvite({
        email: `down${i}@example.org`,
        name: `Down ${i}`,
        role: "student",
        actorId: null,
        mailIn: "en",
      });
      ids.push((await t.db.outboxMessage.findFirstOrThrow({ where: { userId: invite.userId } })).messageId);
    }
    const s = await sender({ retryBaseMs: 20 });
    await s.pollNow();
    const waiting = await t.db.outboxMessage.findMany({ where: { messageId: { in: ids } } });
    expect(waiting.map((r) => r.status)).toEqual(Array(5).fill("pending"));
    expect(waiting.every((r) => r.attempts === 1 && /ECONNREFUSED|connect/i.test(r.lastError ?? ""))).toBe(true);

    await peer.start();
    for (let i = 0; i < 50 && peer.received().length < before + 5; i++) {
      await new Promise((r) => setTimeout(r, 60));
      await s.pollNow();
    }
    const got = peer.received().slice(before);
    expect(got.map((m) => m.messageId).sort()).toEqual([...ids].sort());
    await s.pollNow();
    expect(peer.received().length).toBe(before + 5);
  });

  it("lets two senders share the outbox without sending a message twice", async () => {
    const before = peer.received().length;
    for (let i = 0; i < 12; i++)
      await issueInvite({
        email: `pair${i}@example.org`,
        name: `P ${i}`,
        role: "student",
        actorId: null,
        mailIn: "en",
      });
    const [a, b] = [await sender(), await sender()];
    await Promise.all([a.pollNow(), b.pollNow(), a.pollNow(), b.pollNow()]);
    const got = peer.received().slice(before);
    expect(got).toHaveLength(12);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(12);
  });

  it("takes over a claim whose sender died once the lease has passed", async () => {
    const invite = await issueInvite({
      email: "lease@example.org",
      name: "L",
      role: "student",
      actorId: null,
      mailIn: "en",
    });
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { userId: invite.userId } });
    // Started first: on SQLite a sender's start hands back every claim (the one instance restarted).
    const [patient, impatient] = [await sender({ leaseMs: 60_000 }), await sender({ leaseMs: 500 })];
    // Another sender claimed it and died before it could say how the delivery went.
    const dead = { status: "sending", claimedAt: new Date(Date.now() - 1000), claimedBy: "dead:1:x" };
    await t.db.outboxMessage.update({ where: { id: row.id }, data: dead });
    const before = peer.received().length;
    await patient.pollNow();
    expect(peer.received().length).toBe(before); // still within its lease: not ours
    await impatient.pollNow();
    expect(
      peer
        .received()
        .slice(before)
        .map((m) => m.messageId),
    ).toEqual([row.messageId]);

    // On SQLite the data dir has one portal: a claim found at start is from its own last run.
    await t.db.outboxMessage.update({ where: { id: row.id }, data: { ...dead, claimedAt: new Date() } });
    await sender({ leaseMs: 60_000 });
    const after = await t.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe(t.provider === "sqlite" ? "pending" : "sending");
  });
});
