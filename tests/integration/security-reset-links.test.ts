// A password-reset link lives only as long as its reason: a new link, any password
// change (on /account, or by completing a reset) and a deactivation withdraw every
// outstanding link of the student, and reactivating does not bring one back. A
// withdrawn link is refused through the same problem messages as an expired or
// used one (what /reset/<token> and its form show), and changes nothing.
import { describe, expect, it } from "vitest";
import { setStudentActive } from "@/lib/admin/students";
import { authenticate } from "@/lib/auth/login";
import { changePassword } from "@/lib/auth/password-change";
import {
  inspectReset,
  issuePasswordReset,
  RESET_PROBLEMS,
  redeemReset,
  type ResetStatus,
} from "@/lib/auth/password-reset";
import { hashToken, newToken } from "@/lib/security/tokens";
import { translatorFor } from "@/lib/i18n/translate";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const NEW_PASSWORD = "a fresh passphrase nobody guesses";
const WITHDRAWN_EN = "This password-reset link was withdrawn. Ask your course admin for a new one.";
const WITHDRAWN_ES =
  "Este enlace para restablecer la contraseña fue retirado. Pide uno nuevo a quien administra tu curso.";

/** What the reset page (and its form) tells the person holding `token`, in English and Spanish. */
async function shown(token: string): Promise<{ en: string; es: string } | "form"> {
  const status = await inspectReset(token);
  if (status.kind === "ok") return "form";
  return { en: translatorFor("en")(RESET_PROBLEMS[status.kind]), es: translatorFor("es")(RESET_PROBLEMS[status.kind]) };
}

/** Using the link to set a password: refused with a problem kind, or ok. */
async function tryRedeem(
  token: string,
): Promise<{ ok: true } | { ok: false; kind: Exclude<ResetStatus["kind"], "ok"> }> {
  const result = await redeemReset({ token, password: NEW_PASSWORD });
  return result.ok ? { ok: true } : { ok: false, kind: result.kind };
}

async function studentWithLink() {
  const admin = await createActiveUser("admin");
  const student = await createActiveUser();
  const link = await issuePasswordReset(admin.user, student.id);
  expect(await shown(link.token)).toBe("form");
  return { admin, student, link };
}

describe("password-reset links are withdrawn when their reason is gone", () => {
  const t = useTestDb();

  it("an expired link and a used link are refused with their messages (the baseline)", async () => {
    const { admin, student, link } = await studentWithLink();
    const later = new Date(link.expiresAt.getTime() + 1000);
    expect(await inspectReset(link.token, later)).toEqual({ kind: "expired" });
    expect(await redeemReset({ token: link.token, password: NEW_PASSWORD }, later)).toEqual({
      ok: false,
      kind: "expired",
    });
    const fresh = await issuePasswordReset(admin.user, student.id);
    expect((await tryRedeem(fresh.token)).ok).toBe(true);
    expect(await tryRedeem(fresh.token)).toEqual({ ok: false, kind: "used" });
  });

  it("the student changing their own password withdraws the link", async () => {
    const { student, link } = await studentWithLink();
    const changed = await changePassword(student.user, {
      current: student.password,
      password: "remembered it after all, new one",
    });
    expect(changed.ok).toBe(true);
    expect(await shown(link.token)).toEqual({ en: WITHDRAWN_EN, es: WITHDRAWN_ES });
    expect(await tryRedeem(link.token)).toEqual({ ok: false, kind: "revoked" });
    // The refused link set nothing: the password the student chose still works, the link's does not.
    expect((await authenticate({ email: student.email, password: NEW_PASSWORD })).ok).toBe(false);
    expect((await authenticate({ email: student.email, password: "remembered it after all, new one" })).ok).toBe(true);
  });

  it("completing a reset withdraws any other outstanding link of the student", async () => {
    const { admin, student, link } = await studentWithLink();
    // A second link outstanding at the same time (issued in a race with the first, say).
    const other = newToken();
    await t.db.passwordReset.create({
      data: {
        tokenHash: hashToken(other),
        userId: student.id,
        issuedById: admin.id,
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    expect(await shown(other)).toBe("form");
    expect(await tryRedeem(link.token)).toEqual({ ok: true });
    expect(await shown(other)).toEqual({ en: WITHDRAWN_EN, es: WITHDRAWN_ES });
    expect(await tryRedeem(other)).toEqual({ ok: false, kind: "revoked" });
  });

  it("issuing a new link withdraws the old one", async () => {
    const { admin, student, link } = await studentWithLink();
    const next = await issuePasswordReset(admin.user, student.id);
    expect(await shown(link.token)).toEqual({ en: WITHDRAWN_EN, es: WITHDRAWN_ES });
    expect(await tryRedeem(link.token)).toEqual({ ok: false, kind: "revoked" });
    expect(await shown(next.token)).toBe("form");
  });

  it("deactivating withdraws the link, and reactivating does not bring it back", async () => {
    const { admin, student, link } = await studentWithLink();
    await setStudentActive(admin.user, student.id, false, null);
    expect(await shown(link.token)).toEqual({ en: WITHDRAWN_EN, es: WITHDRAWN_ES });
    await setStudentActive(admin.user, student.id, true, null);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).status).toBe("active");
    expect(await shown(link.token)).toEqual({ en: WITHDRAWN_EN, es: WITHDRAWN_ES });
    expect(await tryRedeem(link.token)).toEqual({ ok: false, kind: "revoked" });
    expect((await authenticate({ email: student.email, password: student.password })).ok).toBe(true);
    // The admin can still help: a link issued after reactivation works.
    const next = await issuePasswordReset(admin.user, student.id);
    expect(await tryRedeem(next.token)).toEqual({ ok: true });
  });
});
