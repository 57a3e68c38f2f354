// Look-alike text: invisible format characters are removed from names and pasted
// invite lists; an address mixing scripts (a homograph) is detected and the admin's
// warning names it, in English and Spanish.
import { describe, expect, it } from "vitest";
import { addressWarning } from "@/lib/admin/invite-warnings";
import { parseBulkInvites } from "@/lib/admin/invites";
import { normalizeEmail } from "@/lib/auth/email";
import { nameField } from "@/lib/auth/schemas";
import { mixedScripts, scriptOf, stripInvisible } from "@/lib/auth/spoofing";

const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E", "\u3164", "\u{E0041}"];

describe("invisible characters", () => {
  it("are stripped from names, so two names that look alike are alike", () => {
    for (const zw of ZERO_WIDTH) {
      expect(stripInvisible(`Ada${zw} Love${zw}lace`), JSON.stringify(zw)).toBe("Ada Lovelace");
      expect(nameField.parse(`${zw}Ada Lovelace${zw}`)).toBe("Ada Lovelace");
    }
    // Visible text, accents and emoji are untouched.
    expect(stripInvisible("José Ñúñez ❤️ 李小龍")).toBe("José Ñúñez ❤️ 李小龍");
    // A name of nothing but invisible characters is no name.
    expect(nameField.safeParse("\u200B\u200D\uFEFF").success).toBe(false);
  });

  it("are stripped from pasted invite lines, including a CSV file's byte-order mark", () => {
    const lines = parseBulkInvites("\uFEFFemail,name\nada\u200B@example.org, Ada\u200D Lovelace\n");
    expect(lines).toEqual([
      { line: 2, text: "ada@example.org, Ada Lovelace", email: "ada@example.org", name: "Ada Lovelace" },
    ]);
  });
});

describe("mixed scripts", () => {
  it("knows the script of a letter, and that digits and punctuation have none", () => {
    expect(scriptOf("a")).toBe("Latin");
    expect(scriptOf("ü")).toBe("Latin");
    expect(scriptOf("\u0430")).toBe("Cyrillic"); // а
    expect(scriptOf("\u03BF")).toBe("Greek"); // ο
    expect(scriptOf("字")).toBe("Han");
    expect(scriptOf("ᚠ")).toBe("Other"); // Runic: not named, still a script
    for (const c of ["@", ".", "-", "_", "+", "7", "\u0301"]) expect(scriptOf(c), c).toBeNull();
  });

  it("finds a Cyrillic or Greek letter hiding in a Latin address", () => {
    expect(mixedScripts("ana@ex\u0430mple.org")).toEqual({ scripts: ["Latin", "Cyrillic"], odd: ["\u0430"] });
    expect(mixedScripts("ana@g\u03BF\u03BFgle.com")).toEqual({ scripts: ["Latin", "Greek"], odd: ["\u03BF"] });
    // A whole-script look-alike domain under a Latin top-level domain mixes too.
    expect(mixedScripts("bob@\u0430\u0440\u0440\u04CF\u0435.com")?.scripts).toEqual(["Latin", "Cyrillic"]);
  });

  it("leaves single-script text alone, accents and digits included", () => {
    for (const text of ["ana@example.org", "jose.nunez+1@münchen.de", "o'brien-2@x-y.co.uk", "ana@", ""]) {
      expect(mixedScripts(text), text).toBeNull();
    }
  });
});

describe("the admin's warning", () => {
  it("names the address, the scripts, the odd letter and the stored form, in English and Spanish", () => {
    const stored = normalizeEmail("ana@ex\u0430mple.org");
    expect(stored).toBe("ana@xn--exmple-4nf.org");
    expect(addressWarning(stored, "en")).toBe(
      "ana@ex\u0430mple.org mixes Latin and Cyrillic letters (“\u0430” U+0430), so it may imitate another address; " +
        "it is stored as ana@xn--exmple-4nf.org. Check it before sending the link.",
    );
    expect(addressWarning(stored, "es")).toBe(
      "ana@ex\u0430mple.org mezcla letras de alfabetos distintos (latino y cirílico: “\u0430” U+0430), así que puede " +
        "imitar otra dirección; se guarda como ana@xn--exmple-4nf.org. Revísala antes de enviar el enlace.",
    );
  });

  it("catches a domain pasted as punycode, and lists at most five odd letters", () => {
    expect(addressWarning("ana@xn--exmple-4nf.org", "en")).toContain("ana@ex\u0430mple.org mixes Latin and Cyrillic");
    const many = addressWarning(normalizeEmail("ana@\u0444\u044B\u0432\u0430\u043F\u0440\u043E.com"), "en")!;
    expect(many).toContain("U+0444");
    expect(many.match(/U\+[0-9A-F]{4}/g)).toHaveLength(5);
    expect(many).toContain(", …)");
  });

  it("says nothing about an ordinary address, internationalised or not", () => {
    expect(addressWarning("ana@example.org", "en")).toBeNull();
    expect(addressWarning(normalizeEmail("ana@münchen.de"), "es")).toBeNull();
  });
});
