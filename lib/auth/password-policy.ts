// NIST SP 800-63B-4 for a single-factor password: at least 15 characters, at
// least 64 allowed, no composition rules, checked against common passwords and
// against words from the account's own context (email, name).
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

function normalise(value: string): string {
  return value.normalize("NFKC").toLowerCase();
}

export type PasswordContext = { email?: string; name?: string };

/** Returns a message for the user, or null when the password is acceptable. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password.normalize("NFKC")].length;
  if (length < PASSWORD_MIN)
    return `Use at least ${PASSWORD_MIN} characters (you have ${length}). A few unrelated words make a good passphrase.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = normalise(password);
  const squashed = lower.replace(/[^\p{L}\p{N}]/gu, "");
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(squashed))
    return "This password is too common; choose something others would not guess.";
  if (/^(.)\1+$/u.test(password) || /^(.{1,4})\1+$/u.test(password))
    return "This password repeats a short pattern; choose something less predictable.";
  const contextWords = [
    ...(context.email ? [normalise(context.email), normalise(context.email.split("@")[0] ?? "")] : []),
    ...(context.name ? normalise(context.name).split(/\s+/) : []),
    "miniportal",
  ].filter((w) => w.length >= 4);
  for (const word of contextWords) {
    // Only a password that is little more than the context word is refused.
    if (squashed.replace(word.replace(/[^\p{L}\p{N}]/gu, ""), "").length < 6) {
      return "This password is too close to your name, email or the site name.";
    }
  }
  return null;
}
