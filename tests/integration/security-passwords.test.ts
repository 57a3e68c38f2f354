// Password rules at the points users meet them: invite redemption and password
// change. 14 characters are refused, a 15-character passphrase accepted; weaker
// stored Argon2 hashes are upgraded at the next sign-in.
import { describe, expect, it } from "vitest";
import { inspectInvite, issueInvite, redeemInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { changePassword, describeChangeProblem } from "@/lib/auth/password-change";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { ARGON2_PARAMS, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password-hash";
import { passwordProblem } from "@/lib/auth/password-policy";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("passwords", () => {
  const t = useTestDb();

  it("a 14-character password is refused and a 15-character passphrase accepted", async () => {
    expect("fourteen chars").toHaveLength(14);
    expect(passwordProblem("fourteen chars", { email: "x@example.org" })).toMatch(/at least 15 characters/);
    expect("blue kite omega").toHaveLength(15);
    expect(passwordProblem("blue kite omega", { email: "x@example.org" })).toBeNull();
    // Characters, not bytes or UTF-16 units: 15 emoji are 15 characters.
    expect(passwordProblem("🐙".repeat(14))).toMatch(/at least 15/);

    const user = await createActiveUser();
    const me = { ...user.user, sessionId: "s" };
    const short = await changePassword(me, { current: user.password, password: "fourteen chars" });
    expect(short).toMatchObject({ ok: false, field: "password" });
    const ok = await changePassword(me, { current: user.password, password: "blue kite omega" });
    expect(ok.ok).toBe(true);
    expect((await authenticate({ email: user.email, password: "blue kite omega" })).ok).toBe(true);
  });

  it("a password change needs the current password and leaves the hash alone when refused", async () => {
    const user = await createActiveUser();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const wrong = await changePassword(
      { ...user.user, sessionId: "s" },
      { current: "not the current password", password: "a perfectly fine passphrase" },
    );
    expect(wrong).toEqual({ ok: false, field: "current", problem: { key: "wrongCurrent" } });
    if (!wrong.ok && "problem" in wrong)
      expect(describeChangeProblem(wrong.problem)).toBe("That is not your current password.");
    const same = await changePassword(
      { ...user.user, sessionId: "s" },
      { current: user.password, password: user.password },
    );
    expect(same.ok).toBe(false);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(changePasswordSchema.safeParse({ current: "", password: "x", confirm: "y" }).success).toBe(false);
  });

  it("invite redemption applies the same policy, whoever calls it", async () => {
    const invite = await issueInvite({
      email: "policy@example.org",
      name: "Policy Person",
      role: "student",
      actorId: null,
    });
    for (const password of ["too short", "policy@example.org", "aaaaaaaaaaaaaaaaaaaa"]) {
      expect(await redeemInvite({ token: invite.token, password }), password).toMatchObject({
        ok: false,
        kind: "weak_password",
      });
    }
    // Refusals leave the invite usable and the account without a password.
    expect((await inspectInvite(invite.token)).kind).toBe("ok");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } })).passwordHash).toBeNull();
    const redeemed = await redeemInvite({ token: invite.token, password: "blue kite omega" });
    expect(redeemed.ok).toBe(true);
  });

  it("a stored Argon2 hash with weaker parameters is upgraded at the next sign-in", async () => {
    const user = await createActiveUser();
    const weak = await hashPassword(user.password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: weak } });
    // A failed attempt does not touch it.
    expect((await authenticate({ email: user.email, password: "wrong wrong wrong" })).ok).toBe(false);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(weak);

    expect((await authenticate({ email: user.email, password: user.password })).ok).toBe(true);
    const upgraded = (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(upgraded).not.toBe(weak);
    expect(upgraded).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}\\$`,
      ),
    );
    expect(await verifyPassword(upgraded, user.password)).toBe(true);
    const event = await t.db.eventLog.findFirstOrThrow({
      where: { action: "login.succeeded", targetId: user.id },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(event.detail!)).toEqual({ rehashed: true });
  });
});
