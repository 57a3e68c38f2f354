// The second factor's rules against lib/ (docs/two-factor.md): TOTP enrolment,
// replay and drift; recovery codes; passkeys (a software authenticator): expired
// challenge, another origin, a cloned authenticator; the admin policy; step-up;
// the second step's rate limit; recovery by another admin and by the command.
import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { inviteCoTeacher } from "@/lib/admin/invites";
import { issuePasswordReset } from "@/lib/auth/password-reset";
import {
  addPasskey,
  confirmTotpEnrolment,
  listFactors,
  passkeyOptions,
  removeFactor,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "@/lib/auth/second-factor/manage";
import { authenticationOptions } from "@/lib/auth/second-factor/passkeys";
import { signInWithPasskey } from "@/lib/auth/second-factor/passwordless";
import { resetSecondFactorsByAdmin, resetSecondFactorsByCommand } from "@/lib/auth/second-factor/recovery";
import { proveSecondFactor } from "@/lib/auth/second-factor/second-step";
import { createSession, validateSession } from "@/lib/auth/sessions";
import type { SessionUser } from "@/lib/auth/session-user";
import { env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { createActiveUser } from "../helpers/fixtures";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { useTestDb, databaseBytes } from "../helpers/test-db";

const BASE = "https://portal.example.org";
// Each test from its own address: the per-address budget (10 a minute) is shared otherwise.
let lastOctet = 10;
const ctx = (ip = `203.0.113.${lastOctet}`) => ({ ip, requestId: null, purpose: "sign_in" as const });
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

describe("second factor", () => {
  const t = useTestDb({ MINIPORTAL_BASE_URL: BASE, MINIPORTAL_ADMIN_2FA: "required" });

  /** A signed-in account as validateSession sees it, on a fresh session. */
  async function sessionOf(userId: string, now = new Date()): Promise<SessionUser> {
    const { sid } = await createSession(userId, now);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: userId } });
    return (await validateSession({ sub: userId, sid, sv: row.sessionVersion }, now))!;
  }

  async function enrolTotp(account: SessionUser, now = new Date()) {
    const started = await startTotpEnrolment(account, "Phone");
    const done = await confirmTotpEnrolment(
      account,
      { factorId: started.factorId, code: await codeAt(started.secret, now) },
      null,
      now,
    );
    if (!done.ok) throw new Error(done.reason);
    return { secret: started.secret, codes: done.recoveryCodes! };
  }

  beforeEach(() => {
    lastOctet++;
  });

  async function audit(action: string, targetId: string) {
    return t.db.eventLog.findMany({ where: { action, targetId } });
  }

  it("policy: an admin without a factor must enrol; a student need not; optional mode lets admins in", async () => {
    const admin = await createActiveUser("admin");
    const student = await createActiveUser("student");
    expect((await sessionOf(admin.id)).secondFactor?.state).toBe("enrol");
    expect((await sessionOf(student.id)).secondFactor?.state).toBe("done");
    process.env.MINIPORTAL_ADMIN_2FA = "optional";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    try {
      expect((await sessionOf(admin.id)).secondFactor?.state).toBe("done");
    } finally {
      process.env.MINIPORTAL_ADMIN_2FA = "required";
      resetEnvCache();
    }
  });

  it("TOTP: confirmed by one code, sealed at rest; the next sign-in waits for a code; replay, wrong code and drift", async () => {
    const admin = await createActiveUser("admin");
    const enrolling = await sessionOf(admin.id);
    const started = await startTotpEnrolment(enrolling, "Phone");
    expect(started.qr.size).toBeGreaterThan(20);
    expect((await listFactors(enrolling)).factors).toHaveLength(0); // not confirmed yet
    const wrong = await confirmTotpEnrolment(enrolling, { factorId: started.factorId, code: "000000" }, null);
    expect(wrong).toEqual({ ok: false, reason: "wrong_code" });
    const now = new Date();
    const done = await confirmTotpEnrolment(
      enrolling,
      { factorId: started.factorId, code: await codeAt(started.secret, now) },
      null,
      now,
    );
    expect(done.ok && done.recoveryCodes).toHaveLength(10);
    expect((await validateSession({ sub: admin.id, sid: enrolling.sessionId, sv: 1 }))?.secondFactor?.state).toBe(
      "done",
    );
    expect(databaseBytes(t).includes(Buffer.from(started.secret))).toBe(false);

    const later = new Date(now.getTime() + 90_000);
    const pending = await sessionOf(admin.id, later);
    expect(pending.secondFactor?.state).toBe("pending");
    expect(await proveSecondFactor(pending, { kind: "totp", code: "123456" }, ctx(), later)).toMatchObject({
      ok: false,
      reason: "wrong_code",
    });
    // One step of drift either way is accepted; two are not.
    const twoBehind = await codeAt(started.secret, new Date(later.getTime() - 60_000));
    expect(await proveSecondFactor(pending, { kind: "totp", code: twoBehind }, ctx(), later)).toMatchObject({
      ok: false,
    });
    const oneAhead = await codeAt(started.secret, new Date(later.getTime() + 30_000));
    expect(await proveSecondFactor(pending, { kind: "totp", code: oneAhead }, ctx(), later)).toMatchObject({
      ok: true,
      method: "totp",
    });
    expect((await validateSession({ sub: admin.id, sid: pending.sessionId, sv: 1 }, later))?.secondFactor?.state).toBe(
      "done",
    );
    // The same code again (another session) is a replay; so is the code of an earlier step.
    const other = await sessionOf(admin.id, later);
    expect(await proveSecondFactor(other, { kind: "totp", code: oneAhead }, ctx(), later)).toMatchObject({
      ok: false,
      reason: "replayed_code",
    });
    const current = await codeAt(started.secret, later);
    expect(await proveSecondFactor(other, { kind: "totp", code: current }, ctx(), later)).toMatchObject({
      ok: false,
      reason: "replayed_code",
    });
    expect((await audit("second_factor.failed", admin.id)).map((e) => JSON.parse(e.detail!).reason)).toEqual([
      "wrong_code",
      "wrong_code",
      "replayed_code",
      "replayed_code",
    ]);
    expect(await audit("second_factor.succeeded", admin.id)).toHaveLength(1);
    // Nothing of the secret or a code in the audit trail.
    const trail = JSON.stringify(await t.db.eventLog.findMany({ where: { targetId: admin.id } }));
    expect(trail).not.toContain(started.secret);
    expect(trail).not.toContain(oneAhead);
  });

  it("recovery codes: single use, say how many remain; replacing them voids the old set and ends other sessions", async () => {
    const student = await createActiveUser("student");
    const { codes } = await enrolTotp(await sessionOf(student.id));
    const pending = await sessionOf(student.id);
    const used = await proveSecondFactor(pending, { kind: "recovery", code: codes[0]!.toUpperCase() }, ctx());
    expect(used).toEqual({ ok: true, method: "recovery", remainingCodes: 9 });
    const again = await sessionOf(student.id);
    expect(await proveSecondFactor(again, { kind: "recovery", code: codes[0]! }, ctx())).toMatchObject({ ok: false });
    expect(await audit("second_factor.recovery_used", student.id)).toHaveLength(1);

    const me = (await validateSession({ sub: student.id, sid: pending.sessionId, sv: 1 }))!;
    await expect(regenerateRecoveryCodes(me, { password: "wrong password entirely" }, null)).rejects.toThrow(
      /current password/,
    );
    const fresh = await regenerateRecoveryCodes(me, { password: student.password }, null);
    expect(fresh).toHaveLength(10);
    const third = await sessionOf(student.id);
    expect(await proveSecondFactor(third, { kind: "recovery", code: codes[1]! }, ctx())).toMatchObject({ ok: false });
    expect(await t.db.authSession.findUniqueOrThrow({ where: { id: again.sessionId } })).toMatchObject({
      revokedAt: expect.any(Date),
    });
  });

  it("passkeys: register, second step, passwordless; expired challenge, another origin and a cloned authenticator are refused", async () => {
    const admin = await createActiveUser("admin");
    const account = await sessionOf(admin.id);
    const key = new SoftAuthenticator("portal.example.org", BASE);
    const registration = await passkeyOptions(account);
    expect(registration.rp.id).toBe("portal.example.org");
    const added = await addPasskey(account, { name: "Laptop", response: key.register(registration.challenge) }, null);
    expect(added).toMatchObject({ ok: true });

    const pending = await sessionOf(admin.id);
    const options = await authenticationOptions(admin.id);
    const foreign = key.assert(options.challenge, { origin: "https://evil.example.net" });
    expect(await proveSecondFactor(pending, { kind: "passkey", response: foreign }, ctx())).toMatchObject({
      reason: "wrong_origin",
    });
    // The foreign answer did not spend the challenge; a proper answer to it passes, once.
    const answer = key.assert(options.challenge);
    expect(await proveSecondFactor(pending, { kind: "passkey", response: answer }, ctx())).toMatchObject({ ok: true });
    expect(await proveSecondFactor(pending, { kind: "passkey", response: answer }, ctx())).toMatchObject({
      reason: "unknown_challenge",
    });
    const row = await t.db.secondFactor.findFirstOrThrow({ where: { userId: admin.id, kind: "passkey" } });
    expect(Number(row.counter)).toBe(key.counter);

    const old = await authenticationOptions(admin.id);
    const late = new Date(Date.now() + 6 * 60_000);
    expect(
      await proveSecondFactor(pending, { kind: "passkey", response: key.assert(old.challenge) }, ctx(), late),
    ).toMatchObject({ reason: "expired_challenge" });

    const cloned = await authenticationOptions(admin.id);
    expect(
      await proveSecondFactor(
        pending,
        { kind: "passkey", response: key.assert(cloned.challenge, { counter: 1 }) },
        ctx(),
      ),
    ).toMatchObject({ reason: "counter_went_backwards" });
    const reasons = (await audit("second_factor.failed", admin.id)).map((e) => JSON.parse(e.detail!).reason);
    expect(reasons).toEqual(expect.arrayContaining(["wrong_origin", "expired_challenge", "counter_went_backwards"]));

    const anyone = await authenticationOptions(null);
    key.counter = 100;
    const signedIn = await signInWithPasskey(key.assert(anyone.challenge), { ip: "203.0.113.9", requestId: null });
    expect(signedIn).toMatchObject({ ok: true, userId: admin.id, role: "admin" });
  });

  it("step-up: a reset link needs a check within the window; removing a factor needs the password, never the last of an admin", async () => {
    const admin = await createActiveUser("admin");
    const student = await createActiveUser("student");
    const start = new Date();
    const { secret } = await enrolTotp(await sessionOf(admin.id, start), start);
    const verified = await sessionOf(admin.id, start);
    const later = new Date(start.getTime() + 60_000);
    expect(
      await proveSecondFactor(verified, { kind: "totp", code: await codeAt(secret, later) }, ctx(), later),
    ).toMatchObject({ ok: true });
    const fresh = (await validateSession({ sub: admin.id, sid: verified.sessionId, sv: 1 }, later))!;
    await expect(issuePasswordReset(fresh, student.id, null, later)).resolves.toMatchObject({
      token: expect.any(String),
    });
    const stale = new Date(later.getTime() + (env().MINIPORTAL_STEP_UP_MINUTES + 1) * 60_000);
    await expect(issuePasswordReset(fresh, student.id, null, stale)).rejects.toThrow(/Confirm it's you/);

    // Granting the admin role (a co-teacher's invite) asks for a recent check too.
    const oldCheck = {
      ...fresh,
      secondFactor: { state: "done" as const, checkedAt: new Date(Date.now() - 20 * 60_000) },
    };
    await expect(inviteCoTeacher(oldCheck, { email: "co@example.org", name: "Co Teacher" }, null)).rejects.toThrow(
      /Confirm it's you/,
    );
    await expect(inviteCoTeacher(fresh, { email: "co@example.org", name: "Co Teacher" }, null)).resolves.toMatchObject({
      email: "co@example.org",
    });

    // With a factor and an old check, a stolen session cannot add a factor of its own.
    const old = { ...fresh, secondFactor: { state: "done" as const, checkedAt: new Date(Date.now() - 20 * 60_000) } };
    await expect(startTotpEnrolment(old, "Planted")).rejects.toThrow(/Confirm it's you/);
    await expect(passkeyOptions(old)).rejects.toThrow(/Confirm it's you/);

    const [only] = (await listFactors(fresh)).factors;
    await expect(removeFactor(fresh, { factorId: only!.id, password: admin.password }, null, later)).rejects.toThrow(
      /at least one/,
    );
  });

  it("the second step is rate-limited per account and address", async () => {
    const student = await createActiveUser("student");
    await enrolTotp(await sessionOf(student.id));
    const pending = await sessionOf(student.id);
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(await proveSecondFactor(pending, { kind: "totp", code: "111111" }, ctx("198.51.100.4")));
    expect(results.slice(0, 5).every((r) => !r.ok && "reason" in r)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, limited: { ok: false } });
    // Counted by factor in the sign-in family.
    const counted = (await metrics().loginAttempts.get()).values;
    expect(counted.find((v) => v.labels.factor === "totp" && v.labels.ok === "false")?.value).toBeGreaterThanOrEqual(5);
    expect(counted.find((v) => v.labels.factor === "recovery" && v.labels.ok === "true")?.value).toBeGreaterThanOrEqual(
      1,
    );
    // Another address is not refused by this pair's consecutive failures.
    expect(await proveSecondFactor(pending, { kind: "totp", code: "111111" }, ctx("198.51.100.5"))).toMatchObject({
      reason: "wrong_code",
    });
  });

  it("recovery: another admin resets an account (audited, sessions end, enrolment again); the command does the same", async () => {
    const admin = await createActiveUser("admin");
    const helper = await createActiveUser("admin");
    const session = await sessionOf(admin.id);
    await enrolTotp(session);
    const helperSession = await sessionOf(helper.id);
    const { secret } = await enrolTotp(helperSession);
    void secret;
    const helperNow = (await validateSession({ sub: helper.id, sid: helperSession.sessionId, sv: 1 }))!;
    await expect(resetSecondFactorsByAdmin(helperNow, helper.email, null)).rejects.toThrow(/own second factor/);
    expect(await resetSecondFactorsByAdmin(helperNow, admin.email, null)).toEqual({ factors: 1 });
    expect(await audit("second_factor.reset_by_admin", admin.id)).toHaveLength(1);
    expect((await sessionOf(admin.id)).secondFactor?.state).toBe("enrol");
    expect(await t.db.recoveryCode.count({ where: { userId: admin.id } })).toBe(0);

    expect(await resetSecondFactorsByCommand(helper.email)).toEqual({ factors: 1 });
    const [event] = await audit("second_factor.reset_by_command", helper.id);
    expect(event?.actorId).toBeNull();
  });
});
