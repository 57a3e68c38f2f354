import { describe, expect, it } from "vitest";
import { displayEmail, normalizeEmail } from "@/lib/auth/email";
import { emailField } from "@/lib/auth/schemas";

describe("email addresses", () => {
  it("are stored trimmed, lower-case, with an internationalised domain in ASCII", () => {
    expect(normalizeEmail("  Ana@Example.ORG ")).toBe("ana@example.org");
    expect(normalizeEmail("ana@münchen.de")).toBe("ana@xn--mnchen-3ya.de");
    expect(normalizeEmail("ana@MÜNCHEN.de")).toBe("ana@xn--mnchen-3ya.de");
    expect(normalizeEmail("ana@xn--mnchen-3ya.de")).toBe("ana@xn--mnchen-3ya.de");
    expect(normalizeEmail("josé@bücher.example")).toBe("josé@xn--bcher-kva.example");
  });

  it("are shown with the domain back in Unicode", () => {
    expect(displayEmail("ana@xn--mnchen-3ya.de")).toBe("ana@münchen.de");
    expect(displayEmail("ana@example.org")).toBe("ana@example.org");
  });

  it("validate as ASCII after normalising, so IDN domains are accepted and nonsense is not", () => {
    expect(emailField.parse(" Ana@München.DE ")).toBe("ana@xn--mnchen-3ya.de");
    expect(emailField.parse("student@例え.テスト")).toBe("student@xn--r8jz45g.xn--zckzah");
    for (const bad of ["ana@exa mple.org", "ana@", "@münchen.de", "ana@münchen", "ana@bad..de", "no at sign"])
      expect(emailField.safeParse(bad).success, bad).toBe(false);
    expect(emailField.safeParse("ana@exa mple.org").error?.issues[0]?.message).toBe(
      "Enter a valid email address, like name@example.org.",
    );
  });
});
