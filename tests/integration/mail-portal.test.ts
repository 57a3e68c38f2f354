// Email through a real `npm start` (the sender runs in the cluster primary) and a
// real SMTP peer that takes 300 ms per message: invites queued while it sends
// all arrive, the portal killed with SIGKILL mid-send loses none of them (a
// message cut off goes again after the restart, with the same Message-ID), the
// emailed link opens the invite page, and /metrics counts what was sent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueInvite } from "@/lib/auth/invites";
import { resetEnvCache } from "@/lib/env";
import { type SmtpPeer, startSmtpPeer } from "../helpers/smtp-peer";
import { waitUntil } from "../helpers/wait";
import {
  HAS_BUILD,
  type RealPortal,
  SECRETS,
  freePort,
  startRealPortal,
  waitUntilServing,
  workerPids,
} from "./real-portal";

describe.runIf(HAS_BUILD)("email from a running portal", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "miniportal-mail-"));
  let portal: RealPortal | null = null;
  let peer: SmtpPeer | null = null;
  afterAll(async () => {
    await portal?.stop();
    await peer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers every queued invite across a kill -9 mid-send, and the link opens", async () => {
    peer = await startSmtpPeer({ delayMs: 300, auth: "portal:s3cr3t pass" });
    const port = await freePort();
    const mailEnv = {
      MINIPORTAL_SMTP_URL: peer.url,
      MINIPORTAL_MAIL_FROM: "Miniportal <portal@example.org>",
      MINIPORTAL_MAIL_POLL_MS: "200",
      MINIPORTAL_WORKERS: "1",
    };
    portal = startRealPortal(dataDir, port, mailEnv);
    await waitUntilServing(portal);
    expect(portal.output()).toContain(`Email on: sending through smtp://127.0.0.1:${peer.port}`);
    expect(portal.output()).not.toContain("s3cr3t");

    // This process writes to the portal's database as a second portal process would.
    Object.assign(process.env, {
      ...SECRETS,
      ...mailEnv,
      MINIPORTAL_DATA_DIR: dataDir,
      MINIPORTAL_BASE_URL: portal.base,
      MINIPORTAL_LOG_LEVEL: "silent",
    });
    delete process.env.DATABASE_URL;
    resetEnvCache();
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const invite = await issueInvite({
        email: `crash${i}@example.org`,
        name: `Crash ${i}`,
        role: "student",
        actorId: null,
        mailIn: "en",
      });
      expect(invite.emailed).toBe(true);
      ids.push(invite.userId);
    }
    await peer.waitForCount(2);
    const victim = portal;
    const killed = [victim.pid, ...workerPids(victim.pid)];
    for (const pid of killed) process.kill(pid, "SIGKILL");
    await victim.exited;
    const beforeRestart = peer.received().length;
    expect(beforeRestart).toBeLessThan(8);

    portal = startRealPortal(dataDir, port, mailEnv);
    await waitUntilServing(portal);
    // Generous: this file runs beside the e2e specs, and waiting ends as soon as all arrive.
    await waitUntil("every invite at the peer", () => new Set(peer!.received().map((m) => m.to[0])).size === 8, {
      timeoutMs: 90_000,
      intervalMs: 100,
    });
    const all = peer.received();
    const byAddress = new Map<string, Set<string>>();
    for (const m of all) byAddress.set(m.to[0]!, (byAddress.get(m.to[0]!) ?? new Set()).add(m.messageId));
    for (let i = 0; i < 8; i++) expect(byAddress.get(`crash${i}@example.org`)?.size).toBe(1);
    // At most the one message in flight at the kill went twice, under its one Message-ID.
    expect(all.length - 8).toBeLessThanOrEqual(1);

    const link = /http:\/\/127\.0\.0\.1:\d+(\/invite\/[A-Za-z0-9_-]{43})/.exec(all.at(-1)!.text)?.[1];
    const page = await fetch(`${portal.base}${link}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Crash ");

    const metrics = await (await fetch(`${portal.base}/metrics`)).text();
    expect(metrics).toMatch(/portal_mail_sent_total\{kind="invite",outcome="sent"\} \d+/);
    expect(metrics).toMatch(/portal_mail_outbox_depth 0/);
  });
});
