// Input schemas shared by the auth forms.
import { z } from "zod";
import { normalizeEmail } from "./email";
import { PASSWORD_MAX } from "./password-policy";

// zod's email pattern, except that a top-level domain may be punycode too (xn--…: .テスト, .рф).
const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9\-]{2,})$/;

/** An email address in its stored form (lib/auth/email.ts): internationalised domains are accepted as punycode. */
export const emailField = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .transform(normalizeEmail)
  .pipe(
    z
      .email({ pattern: EMAIL_PATTERN, error: "Enter a valid email address, like name@example.org." })
      .max(254, "That email address is too long once its domain is spelled in ASCII."),
  );

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) can make a name
 * display as something else ("evil\u202Enimda" shows as "eviladmin"): stripped on input.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export const nameField = z
  .string()
  .transform((v) => v.replace(BIDI_CONTROLS, ""))
  .pipe(
    z
      .string()
      .trim()
      .min(1, "Enter a name.")
      .max(100, "Use at most 100 characters.")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "The name contains control characters."),
  );

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

/** The new password and its repetition, for every form that sets one (the policy itself is checked in lib/auth). */
export const newPasswordSchema = z
  .object({
    password: z.string().max(PASSWORD_MAX * 4, `Use at most ${PASSWORD_MAX} characters.`),
    confirm: z.string().max(PASSWORD_MAX * 4),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });

export const changePasswordSchema = newPasswordSchema.safeExtend({
  current: z.string().min(1, "Enter your current password.").max(1024, "That password is too long."),
});
