// The at-risk rules of the gradebook, pure, each with the numbers the teacher reads
// in the reason. Only active students are flagged: an invited or deactivated one is
// not falling behind, they are not taking part.
export const INACTIVE_DAYS = 7;
/** Cards due for more than a day: 20 is one day's default of new cards, i.e. a day's work left undone. */
export const OVERDUE_BACKLOG = 20;
/** Failed attempts at one phase's exam, never passed since. */
export const FAILED_ATTEMPTS = 2;
const DAY_MS = 86_400_000;

export type RiskFlag =
  | { kind: "inactive"; days: number | null }
  | { kind: "backlog"; overdue: number }
  | { kind: "failedExam"; phaseNumber: number; failures: number };

export type RiskInput = {
  status: string;
  /** The latest review, journal save or exam submission; null when there is none. */
  lastActivityAt: Date | null;
  /** When the account was set up (the first sign-in), so a new student is not "inactive" at once. */
  since: Date;
  overdue: number;
  exams: { phaseNumber: number; failures: number; passed: boolean }[];
};

export function riskFlags(input: RiskInput, now: Date): RiskFlag[] {
  if (input.status !== "active") return [];
  const flags: RiskFlag[] = [];
  const reference = input.lastActivityAt ?? input.since;
  const idleDays = Math.floor((now.getTime() - reference.getTime()) / DAY_MS);
  if (idleDays >= INACTIVE_DAYS) flags.push({ kind: "inactive", days: input.lastActivityAt ? idleDays : null });
  if (input.overdue > OVERDUE_BACKLOG) flags.push({ kind: "backlog", overdue: input.overdue });
  for (const e of input.exams) {
    if (!e.passed && e.failures >= FAILED_ATTEMPTS)
      flags.push({ kind: "failedExam", phaseNumber: e.phaseNumber, failures: e.failures });
  }
  return flags;
}
