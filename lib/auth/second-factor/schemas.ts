// Input schemas of the second-factor forms. A WebAuthn answer arrives as JSON
// text in a form field: size-capped, parsed, and checked for the fields the
// verifier reads (it checks everything else itself).
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import "../../validation/messages";
import { nameField } from "../schemas";

const b64url = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z0-9_-]*$/);

const credential = z.object({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

const registration = credential.extend({
  response: z.looseObject({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(32)).max(8).optional(),
  }),
});

const assertion = credential.extend({
  response: z.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

function jsonOf<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .max(32_768)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "auth.twoFactor.problems.passkey_refused" });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** Where to go after a step-up: a path of this portal only. */
export const nextField = z
  .string()
  .max(512)
  .transform((v) => (/^\/(?![/\\])/.test(v) ? v : ""));

export const codeSchema = z.object({
  code: z.string().trim().min(1, "auth.twoFactor.problems.wrong_code").max(16),
  next: nextField,
});

export const recoverySchema = z.object({
  recovery: z.string().trim().min(1, "auth.twoFactor.problems.wrong_code").max(32),
  next: nextField,
});

export const assertionSchema = z.object({
  response: jsonOf(assertion).transform((v) => v as unknown as AuthenticationResponseJSON),
  next: nextField,
});

export const registrationSchema = z.object({
  name: nameField,
  response: jsonOf(registration).transform((v) => v as unknown as RegistrationResponseJSON),
});

export const totpStartSchema = z.object({ name: nameField });
export const totpConfirmSchema = z.object({
  factorId: z.string().min(1).max(64),
  code: z.string().trim().min(1, "auth.twoFactor.problems.wrong_code").max(16),
});
export const removeSchema = z.object({ factorId: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const passwordSchema = z.object({ password: z.string().min(1).max(1024) });
