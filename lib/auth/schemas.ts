// Input schemas shared by the auth forms. Their messages are catalogue paths
// (messages/<locale>/auth.json), translated by formAction; where zod's generic
// message says the same (lib/validation/messages.ts) none is written.
import { z } from "zod";
// zod's generic messages in plain words (English outside formAction), for parses outside a form too.
import "../validation/messages";
import { normalizeEmail } from "./email";
import { stripInvisible } from "./spoofing";
import { PASSWORD_MAX } from "./password-policy";

// zod's email pattern, except that a top-level domain may be punycode too (xn--…: .テスト, .рф).
const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9\-]{2,})$/;

/** An email address in its stored form (lib/auth/email.ts): internationalised domains are accepted as punycode. */
export const emailField = z
  .string()
  .trim()
  .min(1, "auth.fields.enterEmail")
  .max(254, "auth.fields.emailTooLong")
  .transform(normalizeEmail)
  .pipe(z.email({ pattern: EMAIL_PATTERN }).max(254, "auth.fields.emailTooLongAscii"));

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks) can make a name
 * display as something else ("evil\u202Enimda" shows as "eviladmin"): stripped on input.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Invisible format characters (zero-width space and joiners, BOM, …) are stripped too (spoofing.ts). */
export const nameField = z
  .string()
  .transform((v) => stripInvisible(v.replace(BIDI_CONTROLS, "")))
  .pipe(
    z
      .string()
      .trim()
      .min(1, "auth.fields.enterName")
      .max(100)
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "auth.fields.nameControl"),
  );

export const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "auth.fields.enterPassword").max(1024, "auth.fields.passwordTooLong"),
});

/**
 * The new password and its repetition, for every form that sets one (the policy itself is checked in lib/auth).
 * A path carries no values: the catalogue's "Use at most 128 characters." spells PASSWORD_MAX out.
 */
export const newPasswordSchema = z
  .object({
    password: z.string().max(PASSWORD_MAX * 4, "auth.fields.newPasswordTooLong"),
    confirm: z.string().max(PASSWORD_MAX * 4),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "auth.fields.passwordsDiffer" });

export const changePasswordSchema = newPasswordSchema.safeExtend({
  current: z.string().min(1, "auth.fields.enterCurrent").max(1024, "auth.fields.passwordTooLong"),
});
