// Bulk invites through lib/admin/invites.ts, on a real database: names lose their
// invisible characters before they are stored, and an address mixing scripts (a
// Cyrillic "а" in a Latin address) is invited with a warning naming it, while the
// genuine look-alike address next to it is an account of its own, without one.
import { describe, expect, it } from "vitest";
import { bulkInvite, parseBulkInvites } from "@/lib/admin/invites";
import { normalizeEmail } from "@/lib/auth/email";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const absoluteUrl = (p: string) => `https://portal.example.org${p}`;

describe("bulk invites", () => {
  const t = useTestDb();

  it("stores names without zero-width characters and warns about a homograph address, naming it", async () => {
    const { user: admin } = await createActiveUser("admin");
    const pasted = [
      "\uFEFFemail,name", // a CSV file's byte-order mark before the header
      "ada@example.org, Ada\u200B Love\u200Dlace\u2060",
      "ana@ex\u0430mple.org, Ana Spoof", // Cyrillic а
      "ana@example.org, Ana Real",
      "\uFEFFzw\u200Bsp@example.org, \u200C\u200B", // a name of invisible characters only
    ].join("\n");
    const results = await bulkInvite(
      admin,
      parseBulkInvites(pasted),
      { replacePending: false, absoluteUrl, locale: "en" },
      null,
    );
    expect(results.map((r) => [r.line, r.outcome])).toEqual([
      [2, "invited"],
      [3, "invited"],
      [4, "invited"],
      [5, "refused"],
    ]);

    const ada = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect(ada.name).toBe("Ada Lovelace");
    expect(results[0]!.warning).toBeUndefined();
    expect(results[0]!.url).toMatch(/^https:\/\/portal\.example\.org\/invite\//);

    const spoof = results[1]!;
    expect(spoof.warning).toBe(
      "ana@ex\u0430mple.org mixes Latin and Cyrillic letters (“\u0430” U+0430), so it may imitate another address; " +
        "it is stored as ana@xn--exmple-4nf.org. Check it before sending the link.",
    );
    expect(spoof.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // Two accounts: the look-alike is not the real one.
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "ana@xn--exmple-4nf.org" } })).name).toBe("Ana Spoof");
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "ana@example.org" } })).name).toBe("Ana Real");
    expect(results[2]!.warning).toBeUndefined();
    // Refused for its name: the warning is only ever about a mixed-script address.
    expect(results[3]!.message).toMatch(/name/i);
    expect(results[3]!.warning).toBeUndefined();
  });

  it("the warning is in the admin's language, also for a line skipped as already invited", async () => {
    const { user: admin } = await createActiveUser("admin");
    const lines = parseBulkInvites("bob@g\u03BF\u03BFgle.com, Bob Spoof"); // Greek ο
    const first = await bulkInvite(admin, lines, { replacePending: false, absoluteUrl, locale: "es" }, null);
    expect(first[0]!.outcome).toBe("invited");
    expect(first[0]!.warning).toBe(
      "bob@g\u03BF\u03BFgle.com mezcla letras de alfabetos distintos (latino y griego: “\u03BF” U+03BF), así que puede " +
        `imitar otra dirección; se guarda como ${normalizeEmail("bob@g\u03BF\u03BFgle.com")}. ` +
        "Revísala antes de enviar el enlace.",
    );
    const again = await bulkInvite(admin, lines, { replacePending: false, absoluteUrl, locale: "en" }, null);
    expect(again[0]!.outcome).toBe("skipped");
    expect(again[0]!.warning).toMatch(/^bob@g\u03BF\u03BFgle\.com mixes Latin and Greek letters/);
  });
});
