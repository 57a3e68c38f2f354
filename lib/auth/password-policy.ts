// NIST SP 800-63B-4 for a single-factor password: at least 15 characters, at
// least 64 allowed, no composition rules, checked against common passwords and
// against words from the account's own context (email, name).
import { translatorFor } from "../i18n/translate";
import type { Locale } from "../i18n/locales";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

function normalise(value: string): string {
  return value.normalize("NFKC").toLowerCase();
}

export type PasswordContext = { email?: string; name?: string };

/** What is wrong with a password, as a catalogue key (messages/<locale>/auth.json) and its values. */
export type PasswordProblem =
  | { key: "tooShort"; values: { min: number; length: number } }
  | { key: "tooLong"; values: { max: number } }
  | { key: "tooCommon" | "repeats" | "tooPersonal"; values?: undefined };

const POLICY_MESSAGES = {
  tooShort: "auth.password.policy.tooShort",
  tooLong: "auth.password.policy.tooLong",
  tooCommon: "auth.password.policy.tooCommon",
  repeats: "auth.password.policy.repeats",
  tooPersonal: "auth.password.policy.tooPersonal",
} as const;

/** The problem in the user's words, in their language (English outside a request: tests, scripts). */
export function describePasswordProblem(problem: PasswordProblem, locale: Locale = "en"): string {
  return translatorFor(locale)(POLICY_MESSAGES[problem.key], problem.values);
}

/** The problem with a password, or null when it is acceptable. */
export function findPasswordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = [...password.normalize("NFKC")].length;
  if (length < PASSWORD_MIN) return { key: "tooShort", values: { min: PASSWORD_MIN, length } };
  if (length > PASSWORD_MAX) return { key: "tooLong", values: { max: PASSWORD_MAX } };
  const lower = normalise(password);
  const squashed = lower.replace(/[^\p{L}\p{N}]/gu, "");
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(squashed)) return { key: "tooCommon" };
  if (/^(.)\1+$/u.test(password) || /^(.{1,4})\1+$/u.test(password)) return { key: "repeats" };
  const contextWords = [
    ...(context.email ? [normalise(context.email), normalise(context.email.split("@")[0] ?? "")] : []),
    ...(context.name ? normalise(context.name).split(/\s+/) : []),
    "miniportal",
  ].filter((w) => w.length >= 4);
  for (const word of contextWords) {
    // Only a password that is little more than the context word is refused.
    if (squashed.replace(word.replace(/[^\p{L}\p{N}]/gu, ""), "").length < 6) return { key: "tooPersonal" };
  }
  return null;
}

/** Returns an English message for the user, or null when the password is acceptable. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const problem = findPasswordProblem(password, context);
  return problem ? describePasswordProblem(problem) : null;
}
