import { describe, expect, it } from "vitest";
import { PASSWORD_MIN, passwordProblem } from "@/lib/auth/password-policy";

describe("password policy (NIST SP 800-63B-4, single factor)", () => {
  it("refuses 14 characters and accepts a 15-character passphrase", () => {
    expect(passwordProblem("abcd efgh ijkl")).toMatch(/at least 15/);
    expect(passwordProblem("plum violin sky")).toBeNull();
  });

  it("allows at least 64 characters and has no composition rules", () => {
    expect(passwordProblem("all lower case words without digits or symbols")).toBeNull();
    expect(passwordProblem("x".repeat(0) + "a quite long passphrase ".repeat(3).slice(0, 64))).toBeNull();
    expect(passwordProblem("w".repeat(200))).toMatch(/at most/);
  });

  it("counts characters, not bytes or UTF-16 units", () => {
    expect(passwordProblem("ñandú pingüino ")).toBeNull(); // 15 characters, more bytes
    expect(passwordProblem("😀".repeat(PASSWORD_MIN - 1))).toMatch(/at least 15/);
  });

  it("blocks common passwords regardless of case and separators", () => {
    expect(passwordProblem("PasswordPassword")).toMatch(/too common/);
    expect(passwordProblem("correct horse battery staple")).toMatch(/too common/);
    expect(passwordProblem("Correct-Horse-Battery-Staple")).toMatch(/too common/);
  });

  it("blocks repeated patterns and context words (email, name)", () => {
    expect(passwordProblem("abcabcabcabcabcabc")).toMatch(/repeats/);
    expect(passwordProblem("grace.hopper@example.org", { email: "grace.hopper@example.org" })).toMatch(/too close/);
    expect(passwordProblem("gracehopper2024!", { email: "gracehopper@example.org", name: "Grace Hopper" })).toMatch(
      /too close/,
    );
    expect(passwordProblem("grace likes quiet mountain lakes", { name: "Grace Hopper" })).toBeNull();
  });
});
