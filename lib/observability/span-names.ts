// Stable span names (they become Tempo search terms). Wrap the work with
// withSpan(SPAN.x, attributes, fn) from ./tracing; attributes carry ids, sizes
// and formats, never secrets or private text.
export const SPAN = {
  /** Password verification in lib/auth/login.ts. */
  argon2Verify: "auth.argon2_verify",
  /** The second step of a sign-in or a step-up (lib/auth/second-factor). */
  secondFactor: "auth.second_factor",
  /** Each AES-GCM decrypt of a vault column (lib/vault). */
  vaultDecrypt: "vault.decrypt",
  /** The SM-2 next-review computation (lib/review). */
  sm2Update: "review.sm2_update",
} as const;

export type SpanName = (typeof SPAN)[keyof typeof SPAN];
