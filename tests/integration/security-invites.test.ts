// Tampered, reused and expired invites are refused with the right reason and
// change nothing.
import { describe, expect, it } from "vitest";
import { INVITE_PROBLEMS, inspectInvite, issueInvite, redeemInvite } from "@/lib/auth/invites";
import { useTestDb } from "../helpers/test-db";

const PASS = "violet harbour lanterns glow";

describe("invite tokens", () => {
  const t = useTestDb();

  it("tampered, reused and expired tokens are refused", async () => {
    const now = new Date("2026-05-01T12:00:00Z");
    const invite = await issueInvite({ email: "tamper@example.org", name: "T", role: "student", actorId: null }, now);
    const last = invite.token.at(-1) === "A" ? "B" : "A";
    for (const bad of [
      invite.token.slice(0, -1) + last,
      invite.token.slice(1),
      invite.token + "A",
      invite.token.toUpperCase(),
      "",
      "../../etc/passwd",
    ]) {
      expect(await redeemInvite({ token: bad, password: PASS }, now)).toEqual({ ok: false, kind: "invalid" });
    }
    // Expired one second after its expiry.
    const later = new Date(invite.expiresAt.getTime() + 1000);
    expect(await redeemInvite({ token: invite.token, password: PASS }, later)).toEqual({ ok: false, kind: "expired" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } })).status).toBe("invited");

    expect((await redeemInvite({ token: invite.token, password: PASS }, now)).ok).toBe(true);
    expect(await redeemInvite({ token: invite.token, password: "another passphrase entirely" }, now)).toEqual({
      ok: false,
      kind: "used",
    });
    for (const kind of ["invalid", "used", "expired", "revoked"] as const) expect(INVITE_PROBLEMS[kind]).toMatch(/\w+/);
    expect(await inspectInvite(invite.token, now)).toEqual({ kind: "used" });
  });
});
