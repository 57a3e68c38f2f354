// The rules of taking an exam, pure: when an attempt may start, when it must be
// in, and when the correct answers may be shown. lib/exams/starts.ts and
// attempts.ts apply them on the server; the pages only display the outcome.
import { EXAM_GRACE_MS, type ExamSettings } from "./settings";

export type StartRow = {
  id: string;
  ordinal: number;
  startedAt: Date;
  deadline: Date | null;
  seed: string;
  submittedAt: Date | null;
};

export type ExamWindow = "notYetOpen" | "open" | "closed";
export type StartRefusal = "notYetOpen" | "closed" | "noAttemptsLeft";

export type ExamState = {
  settings: ExamSettings;
  /** Attempts used: submitted ones, plus started ones never submitted (they count, as on paper). */
  used: number;
  /** null: unlimited. */
  remaining: number | null;
  /** The attempt under way (unsubmitted and within its time), if any. */
  live: StartRow | null;
  window: ExamWindow;
  /** Why a new attempt cannot start now; null when it can (or one is under way). */
  refusal: StartRefusal | null;
  /** Opening the page starts the attempt (nothing to spend: no limit, no timer); otherwise a Start button. */
  startsOnOpen: boolean;
  answersVisible: boolean;
};

export function windowAt(settings: ExamSettings, now: Date): ExamWindow {
  if (settings.opensAt && now.getTime() < settings.opensAt.getTime()) return "notYetOpen";
  if (settings.closesAt && now.getTime() >= settings.closesAt.getTime()) return "closed";
  return "open";
}

/** An attempt is under way until it is submitted or its deadline (plus the grace) has passed. */
export function isLive(start: StartRow, now: Date): boolean {
  return !start.submittedAt && (!start.deadline || now.getTime() <= start.deadline.getTime() + EXAM_GRACE_MS);
}

/** When an attempt started at `startedAt` must be in: the time limit stretched by the student's multiplier, never past closesAt. */
export function deadlineFor(settings: ExamSettings, startedAt: Date, multiplier = 1): Date | null {
  if (!settings.timeLimitMinutes) return null;
  const limit = startedAt.getTime() + Math.round(settings.timeLimitMinutes * multiplier * 60_000);
  return new Date(settings.closesAt ? Math.min(limit, settings.closesAt.getTime()) : limit);
}

export function answersVisible(settings: ExamSettings, used: number, live: boolean, now: Date): boolean {
  switch (settings.showAnswers) {
    case "never":
      return false;
    case "after-each":
      return true;
    case "after-last-attempt":
      // Not while the last attempt is under way: another tab would show the answers to it.
      if (live) return false;
      return (settings.attempts !== null && used >= settings.attempts) || windowAt(settings, now) === "closed";
    case "after-close":
      return !!settings.closesAt && now.getTime() >= settings.closesAt.getTime();
  }
}

export function examState(settings: ExamSettings, used: number, starts: readonly StartRow[], now: Date): ExamState {
  const live = starts.find((s) => isLive(s, now)) ?? null;
  const window = windowAt(settings, now);
  const remaining = settings.attempts === null ? null : Math.max(0, settings.attempts - used);
  const refusal: StartRefusal | null = live
    ? null
    : window !== "open"
      ? window
      : remaining === 0
        ? "noAttemptsLeft"
        : null;
  return {
    settings,
    used,
    remaining,
    live,
    window,
    refusal,
    startsOnOpen: settings.attempts === null && settings.timeLimitMinutes === null,
    answersVisible: answersVisible(settings, used, !!live, now),
  };
}

export type SubmitRefusal = "examAlreadySubmitted" | "examNotYetOpen" | "examClosed" | "examTimeUp";

/** Why this attempt's answers cannot be taken at `now`; null when they can. */
export function submitRefusal(settings: ExamSettings, start: StartRow, now: Date): SubmitRefusal | null {
  if (start.submittedAt) return "examAlreadySubmitted";
  const t = now.getTime();
  if (settings.opensAt && t < settings.opensAt.getTime()) return "examNotYetOpen";
  if (settings.closesAt && t > settings.closesAt.getTime() + EXAM_GRACE_MS) return "examClosed";
  if (start.deadline && t > start.deadline.getTime() + EXAM_GRACE_MS) return "examTimeUp";
  return null;
}
