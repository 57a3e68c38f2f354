// The pure part of `npm run loadtest -- --find-knee`: which student counts to
// run, what one step's figures are, which step to run next and, at the end,
// where the knee is (the largest count that passes every SLO and loses no save).
// The runs themselves are knee-search.ts.
import type { RunSummary } from "./report";

/** One step's figures, from its run: what the compact line prints and the JSON summary keeps. */
export type StepFigures = {
  students: number;
  /** A second run of the same count, to confirm a failure. */
  rerun: boolean;
  requests: number;
  reqPerSecond: number;
  loginP95: { serverMs: number | null; clientMs: number | null };
  meP99: { serverMs: number | null; clientMs: number | null };
  /** 5xx / requests from the server's counters; null without /metrics. */
  serverErrorRatio: number | null;
  /** Requests that did not do what the flow needed (any status), read-back included. */
  errors: number;
  lostSaves: number;
  unverifiedSaves: number;
  acknowledgedSaves: number;
  pass: boolean;
  /** The checks that failed: SLO names, and "lost saves" when a save was lost or not verified. */
  failed: string[];
};

export type KneeDecision =
  | { kind: "run"; students: number; rerun: boolean }
  | {
      kind: "done";
      /** The largest count that passed; null when even the first step failed. */
      knee: number | null;
      /** The first count that failed; null when every step up to --knee-max passed. */
      firstFailing: number | null;
      failed: string[];
      /** The failure was seen twice (the step was re-run). */
      confirmed: boolean;
    };

/** step, 2·step, … up to max. */
export function kneePlan(step: number, max: number): number[] {
  return Array.from({ length: Math.floor(max / step) }, (_, i) => (i + 1) * step);
}

/**
 * What to do next, given every step run so far (in order). The search walks the
 * plan and stops at the first count that fails. A count that failed only on SLO
 * latencies or ratios is run once more when `confirm` is set, and passes if that
 * re-run passes (one noisy step on a shared machine must not end the search); a
 * lost or unverified save is never noise: it stops the search at once.
 */
export function decideKnee(
  plan: number[],
  steps: Pick<StepFigures, "students" | "pass" | "failed">[],
  confirm = true,
): KneeDecision {
  let knee: number | null = null;
  for (const students of plan) {
    const tries = steps.filter((s) => s.students === students);
    if (!tries.length) return { kind: "run", students, rerun: false };
    if (tries.some((t) => t.pass)) {
      knee = students;
      continue;
    }
    const lostSaves = tries.some((t) => t.failed.includes("lost saves"));
    if (confirm && !lostSaves && tries.length < 2) return { kind: "run", students, rerun: true };
    const failed = [...new Set(tries.flatMap((t) => t.failed))];
    return { kind: "done", knee, firstFailing: students, failed, confirmed: tries.length > 1 };
  }
  return { kind: "done", knee, firstFailing: null, failed: [], confirmed: false };
}

export function stepFigures(summary: RunSummary, rerun: boolean): StepFigures {
  const client = (route: string) => summary.client.find((r) => r.route === route);
  const server = (route: string) => summary.server?.routes.find((r) => r.key === route);
  const seconds = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 1000);
  const lost = summary.lostSaves.length;
  const unverified = summary.unverifiedSaves.length;
  const failed = summary.verdicts.filter((v) => !v.pass).map((v) => v.name);
  if (lost + unverified > 0) failed.push("lost saves");
  return {
    students: summary.students,
    rerun,
    requests: summary.requests,
    reqPerSecond: summary.wallMs > 0 ? summary.requests / (summary.wallMs / 1000) : 0,
    loginP95: { serverMs: seconds(server("POST /login")?.p95), clientMs: client("POST /login")?.p95 ?? null },
    meP99: { serverMs: seconds(server("GET /me")?.p99), clientMs: client("GET /me")?.p99 ?? null },
    serverErrorRatio:
      summary.server && summary.server.requests > 0 ? summary.server.serverErrors / summary.server.requests : null,
    errors: summary.failures.reduce((a, f) => a + f.count, 0),
    lostSaves: lost,
    unverifiedSaves: unverified,
    acknowledgedSaves: summary.acknowledgedSaves,
    pass: failed.length === 0,
    failed,
  };
}

const ms = (v: number | null) => (v === null ? "–" : String(Math.round(v)));

/** The compact line of one step: students, req/s, login p95 and /me p99 (server/client), 5xx, errors, lost saves, verdict. */
export function stepLine(f: StepFigures): string {
  const saves =
    `lost ${f.lostSaves} of ${f.acknowledgedSaves}` + (f.unverifiedSaves ? ` (${f.unverifiedSaves} not verified)` : "");
  const ratio = f.serverErrorRatio === null ? "n/a" : `${(f.serverErrorRatio * 100).toFixed(2)} %`;
  return [
    `${String(f.students).padStart(5)} students${f.rerun ? " (re-run)" : "         "}`,
    `${f.reqPerSecond.toFixed(1).padStart(6)} req/s`,
    `login p95 ${`${ms(f.loginP95.serverMs)}/${ms(f.loginP95.clientMs)}`.padStart(9)} ms`,
    `/me p99 ${`${ms(f.meP99.serverMs)}/${ms(f.meP99.clientMs)}`.padStart(9)} ms`,
    `5xx ${ratio.padStart(7)}`,
    `errors ${String(f.errors).padStart(3)}`,
    saves,
    f.pass ? "PASS" : `FAIL (${f.failed.join(", ")})`,
  ].join("  ");
}

/** The last line of the search. */
export function kneeLine(d: Extract<KneeDecision, { kind: "done" }>, max: number): string {
  const why = `${d.failed.join(", ")}${d.confirmed ? "; failed again when re-run" : ""}`;
  if (d.firstFailing === null)
    return d.knee === null
      ? "knee: no step was run"
      : `knee: ≥ ${d.knee} students pass every SLO (every step up to --knee-max ${max} passed; raise --knee-max to look further)`;
  if (d.knee === null)
    return `knee: none — even the first step, ${d.firstFailing} students, fails (failed: ${why}); the portal misses its SLOs at the smallest step`;
  return `knee: ${d.knee} students pass every SLO (first failing step: ${d.firstFailing}, failed: ${why})`;
}

/**
 * A rough upper bound of the search's wall time when every step passes: each
 * step's --duration, plus inviting, the warm-up student and the read-back (one
 * sign-in per student, eight at a time), which grow with the count.
 */
export function estimateKneeMs(plan: number[], durationMs: number): number {
  return plan.reduce((total, students) => total + durationMs + 10_000 + students * 250, 0);
}
