// When an exam was opened, without trusting the browser's clock: the page embeds
// a token signed with AUTH_SECRET naming the student, the phase and the server
// time. On submit a valid token gives startedAt (clamped to the last few hours
// and never after the submission); a missing or forged one counts as "now".
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";

export const MAX_EXAM_DURATION_MS = 4 * 3600_000;

function mac(payload: string): string {
  return createHmac("sha256", `exam-start:${env().AUTH_SECRET}`).update(payload).digest("base64url");
}

export function signExamStart(userId: string, phaseId: string, now = new Date()): string {
  const payload = `${userId}.${phaseId}.${now.getTime()}`;
  return `${now.getTime()}.${mac(payload)}`;
}

/** The trusted start time, or null when the token is missing, forged or not this student's. */
export function verifyExamStart(token: string, userId: string, phaseId: string): Date | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, ms, sig] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(`${userId}.${phaseId}.${ms}`));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? new Date(Number(ms)) : null;
}

export function clampStartedAt(started: Date | null, submittedAt: Date): Date {
  if (!started) return submittedAt;
  const t = Math.min(Math.max(started.getTime(), submittedAt.getTime() - MAX_EXAM_DURATION_MS), submittedAt.getTime());
  return new Date(t);
}
