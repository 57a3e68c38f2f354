// What a failed SMTP delivery means for its message. Pure, so the rule is tested
// on its own: a 5xx to the recipient or the message is permanent (RFC 5321: do
// not repeat), anything else (connection, timeout, 4xx, a 5xx to our login or
// sender address, which would fail every message alike) is retried with backoff.

export type FailureVerdict = { permanent: boolean; reason: string };

type SmtpError = { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

export function judgeFailure(error: unknown): FailureVerdict {
  const e = (error && typeof error === "object" ? error : {}) as SmtpError;
  const code = typeof e.responseCode === "number" ? e.responseCode : null;
  const command = typeof e.command === "string" ? e.command : "";
  const text = String((typeof e.response === "string" && e.response) || e.message || error)
    .replace(/\s+/g, " ")
    .slice(0, 300);
  const aboutThisMessage = /^(RCPT TO|DATA)$/i.test(command) || e.code === "EENVELOPE" || e.code === "EMESSAGE";
  const permanent = code !== null && code >= 500 && code < 600 && aboutThisMessage;
  return { permanent, reason: text };
}

/** The wait before attempt n+1 (n ≥ 1): base·2^(n−1), at most an hour, ±20 % so a backlog does not retry in step. */
export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  const plain = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3600_000);
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** After this long of temporary failures a message is marked failed (the admin can resend it). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;
