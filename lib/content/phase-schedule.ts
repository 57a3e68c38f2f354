// Where a phase stands against its course.yaml dates at a moment. Shown, not
// enforced: a phase that has not opened can still be read, so nobody is locked
// out by a typo in a date. Pure, for the dashboard and the phase page alike.
export type PhaseSchedule = {
  opensAt: Date | null;
  dueAt: Date | null;
  /** upcoming: not open yet; overdue: past due and its exam not passed; done: passed. */
  state: "none" | "upcoming" | "open" | "overdue" | "done";
};

export function phaseSchedule(
  dates: { opensAt: Date | null; dueAt: Date | null },
  passed: boolean,
  now: Date,
): PhaseSchedule {
  const { opensAt, dueAt } = dates;
  let state: PhaseSchedule["state"] = "none";
  if (opensAt || dueAt) {
    if (passed) state = "done";
    else if (opensAt && opensAt.getTime() > now.getTime()) state = "upcoming";
    else if (dueAt && dueAt.getTime() <= now.getTime()) state = "overdue";
    else state = "open";
  }
  return { opensAt, dueAt, state };
}
