// The smaller findings of the security review (issue 12, item 6) on a real
// database: literal audit search, bidirectional controls in names, and
// Unicode-normalised passwords with legacy hashes upgraded at the next sign-in.
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/queries";
import { issueInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { ARGON2_PARAMS, hashPassword } from "@/lib/auth/password-hash";
import { nameField } from "@/lib/auth/schemas";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("security review findings (issue 12, item 6)", () => {
  const t = useTestDb();

  describe("audit search", () => {
    it("treats % and _ in the search text literally", async () => {
      const admin = await createActiveUser("admin");
      const percent = await createActiveUser();
      const plain = await createActiveUser();
      await t.db.user.update({ where: { id: percent.id }, data: { name: "Ana 100% Real" } });
      await t.db.user.update({ where: { id: plain.id }, data: { name: "Bo Plain_Name" } });
      const actors = async (actor: string) =>
        new Set((await listAuditEvents(admin.user, { actor, page: 1 })).rows.map((r) => r.actor?.id));
      expect(await actors("%")).toEqual(new Set([percent.id]));
      expect(await actors("_")).toEqual(new Set([plain.id]));
      expect(await actors("100%")).toEqual(new Set([percent.id]));
      // An ordinary substring still matches, case-insensitively.
      expect(await actors("plain_")).toEqual(new Set([plain.id]));
    });
  });

  describe("names with bidirectional control characters", () => {
    it("are stripped on input, so a name cannot display as another", async () => {
      const parsed = nameField.parse("evil\u202Enimda\u202C \u2067x\u2069");
      expect(parsed).toBe("evilnimda x");
      const invite = await issueInvite({ email: "bidi@example.org", name: parsed, role: "student", actorId: null });
      expect((await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } })).name).not.toMatch(
        /[\u202A-\u202E\u2066-\u2069]/,
      );
      expect(nameField.safeParse("\u202E\u202C").success).toBe(false); // nothing left: refused as empty
    });
  });

  describe("passwords are normalised (NFC) before hashing and verifying", () => {
    const composed = "crème brûlée à la façon de maman"; // NFC: é as one code point
    const decomposed = composed.normalize("NFD"); // é as e + U+0301

    it("the same password typed with composed or decomposed accents signs in", async () => {
      const user = await createActiveUser("student", composed);
      expect((await authenticate({ email: user.email, password: decomposed })).ok).toBe(true);
      const other = await createActiveUser("student", decomposed);
      expect((await authenticate({ email: other.email, password: composed })).ok).toBe(true);
    });

    it("a hash stored from an unnormalised password still signs in and is upgraded to the NFC hash", async () => {
      const user = await createActiveUser("student", composed);
      const legacy = await hash(decomposed, { algorithm: 2, ...ARGON2_PARAMS }); // as the portal stored it before NFC
      await t.db.user.update({ where: { id: user.id }, data: { passwordHash: legacy } });
      expect((await authenticate({ email: user.email, password: decomposed })).ok).toBe(true);
      const upgraded = (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
      expect(upgraded).not.toBe(legacy);
      // Now the composed form works too, since the stored hash is of the NFC password.
      expect((await authenticate({ email: user.email, password: composed })).ok).toBe(true);
      expect(await hashPassword(composed)).toMatch(/^\$argon2id\$/);
    });
  });
});
