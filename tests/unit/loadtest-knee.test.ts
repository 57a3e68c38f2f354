// `npm run loadtest -- --find-knee`: its options (validated, bounded, refused
// with a message naming the option) and the decision of which step runs next and
// where the knee is. The runs themselves need a portal (docs/loadtest.md).
import { describe, expect, it } from "vitest";
import {
  decideKnee,
  estimateKneeMs,
  kneeLine,
  kneePlan,
  type StepFigures,
  stepFigures,
  stepLine,
} from "@/scripts/loadtest/knee";
import { parseOptions } from "@/scripts/loadtest/options";
import type { RunSummary } from "@/scripts/loadtest/report";

const parse = (...argv: string[]) => parseOptions(argv, {}, 3000);

describe("--find-knee options", () => {
  it("defaults to steps of 10 up to 200 and is off without the flag", () => {
    expect(parse().knee).toBeNull();
    expect(parse("--find-knee").knee).toEqual({ step: 10, max: 200 });
    expect(parse("--find-knee", "--knee-step", "5", "--knee-max", "40", "--duration", "10s").knee).toEqual({
      step: 5,
      max: 40,
    });
    // The normal mode's other options still apply to every step.
    const o = parse("--find-knee", "--think-ms", "500", "--one-address", "--max-requests", "100");
    expect(o).toMatchObject({ thinkMs: 500, oneAddress: true, maxRequestsPerStudent: 100 });
  });

  it("refuses bad values, naming the option", () => {
    expect(() => parse("--find-knee", "--knee-step", "0")).toThrow(/--knee-step must be a whole number from 1 to 100/);
    expect(() => parse("--find-knee", "--knee-step", "ten")).toThrow(/--knee-step must be a whole number/);
    expect(() => parse("--find-knee", "--knee-step")).toThrow(/--knee-step must be a whole number/);
    expect(() => parse("--find-knee", "--knee-max", "500")).toThrow(/--knee-max must be a whole number from 1 to 200/);
    expect(() => parse("--find-knee", "--knee-max", "2.5")).toThrow(/--knee-max must be a whole number/);
    expect(() => parse("--find-knee", "--knee-step", "20", "--knee-max", "10")).toThrow(
      /--knee-max \(10\) must be at least --knee-step \(20\)/,
    );
    expect(() => parse("--find-knee", "yes")).toThrow(/--find-knee takes no value/);
    expect(() => parse("--find-knee=1")).toThrow(/--find-knee takes no value/);
  });

  it("refuses what contradicts it", () => {
    expect(() => parse("--knee-step", "10")).toThrow(/--knee-step only applies with --find-knee/);
    expect(() => parse("--knee-max", "50")).toThrow(/--knee-max only applies with --find-knee/);
    expect(() => parse("--find-knee", "--students", "30")).toThrow(/--students does not apply with --find-knee/);
    expect(() => parse("--find-knee", "--browsers", "2")).toThrow(/--browsers cannot be combined with --find-knee/);
    expect(parse("--find-knee", "--browsers", "0").browsers).toBe(0);
  });

  it("bounds the total measured time", () => {
    // 20 steps × 6 min = 120 min: the limit itself is fine, one step more is not.
    expect(parse("--find-knee", "--duration", "6m").knee).toEqual({ step: 10, max: 200 });
    expect(() => parse("--find-knee", "--duration", "7m")).toThrow(
      /--find-knee would measure 20 steps × 420 s = 140 min, more than 120 min: shorten --duration/,
    );
    expect(() => parse("--find-knee", "--knee-step", "1", "--duration", "60s")).toThrow(/200 steps/);
  });
});

const step = (students: number, failed: string[] = []): Pick<StepFigures, "students" | "pass" | "failed"> => ({
  students,
  pass: failed.length === 0,
  failed,
});

describe("the knee decision", () => {
  const plan = kneePlan(10, 50);

  it("plans steps of --knee-step up to --knee-max", () => {
    expect(plan).toEqual([10, 20, 30, 40, 50]);
    expect(kneePlan(10, 25)).toEqual([10, 20]);
    expect(kneePlan(7, 7)).toEqual([7]);
  });

  it("runs the steps in order while they pass", () => {
    expect(decideKnee(plan, [])).toEqual({ kind: "run", students: 10, rerun: false });
    expect(decideKnee(plan, [step(10), step(20)])).toEqual({ kind: "run", students: 30, rerun: false });
  });

  it("re-runs a step that fails an SLO once, and stops when it fails again", () => {
    const first = [step(10), step(20), step(30, ["login p95"])];
    expect(decideKnee(plan, first)).toEqual({ kind: "run", students: 30, rerun: true });
    expect(decideKnee(plan, [...first, step(30, ["/me p99"])])).toEqual({
      kind: "done",
      knee: 20,
      firstFailing: 30,
      failed: ["login p95", "/me p99"],
      confirmed: true,
    });
  });

  it("goes on when the re-run passes (a noisy step)", () => {
    expect(decideKnee(plan, [step(10), step(20, ["/me p99"]), step(20)])).toEqual({
      kind: "run",
      students: 30,
      rerun: false,
    });
  });

  it("stops at once on a lost save, without a re-run", () => {
    expect(decideKnee(plan, [step(10), step(20, ["lost saves"])])).toEqual({
      kind: "done",
      knee: 10,
      firstFailing: 20,
      failed: ["lost saves"],
      confirmed: false,
    });
  });

  it("without confirmation the first failure ends the search", () => {
    expect(decideKnee(plan, [step(10), step(20, ["login p95"])], false)).toMatchObject({
      kind: "done",
      knee: 10,
      firstFailing: 20,
    });
  });

  it("has no knee when even the first step fails", () => {
    const d = decideKnee(plan, [step(10, ["login p95"]), step(10, ["login p95", "/me p99"])]);
    expect(d).toEqual({
      kind: "done",
      knee: null,
      firstFailing: 10,
      failed: ["login p95", "/me p99"],
      confirmed: true,
    });
    expect(kneeLine(d as Extract<typeof d, { kind: "done" }>, 50)).toBe(
      "knee: none — even the first step, 10 students, fails (failed: login p95, /me p99; failed again when re-run); the portal misses its SLOs at the smallest step",
    );
  });

  it("reports the last count when every step passes", () => {
    const d = decideKnee(
      plan,
      plan.map((n) => step(n)),
    );
    expect(d).toEqual({ kind: "done", knee: 50, firstFailing: null, failed: [], confirmed: false });
    expect(kneeLine(d as Extract<typeof d, { kind: "done" }>, 50)).toMatch(/^knee: ≥ 50 students pass every SLO/);
  });

  it("prints the knee line the issue asks for", () => {
    expect(kneeLine({ kind: "done", knee: 90, firstFailing: 100, failed: ["login p95"], confirmed: true }, 200)).toBe(
      "knee: 90 students pass every SLO (first failing step: 100, failed: login p95; failed again when re-run)",
    );
  });

  it("estimates the search's time from the plan and the duration", () => {
    expect(estimateKneeMs([10, 20], 60_000)).toBe(2 * 70_000 + 30 * 250);
  });
});

describe("a step's figures and line", () => {
  const summary: RunSummary = {
    command: "npm run loadtest -- --find-knee",
    startedAt: "2026-12-07T00:00:00.000Z",
    baseUrl: "http://127.0.0.1:3780",
    students: 30,
    durationMs: 60_000,
    wallMs: 60_000,
    requests: 1200,
    client: [
      { route: "GET /me", count: 300, errors: 0, p50: 20, p95: 120, p99: 180.4, max: 300 },
      { route: "POST /login", count: 60, errors: 1, p50: 90, p95: 410, p99: 500, max: 600 },
    ],
    server: {
      routes: [
        { key: "GET /me", count: 300, p50: 0.02, p95: 0.12, p99: 0.21 },
        { key: "POST /login", count: 60, p50: 0.09, p95: 0.45, p99: 0.5 },
      ],
      requests: 1200,
      serverErrors: 0,
      loginOk: 60,
      loginFailed: 0,
      invitesOk: 30,
      invitesFailed: 0,
    },
    verdicts: [
      { name: "login p95", target: "< 500 ms", server: "450 ms", client: "410 ms", pass: true },
      { name: "/me p99", target: "< 200 ms", server: "210 ms", client: "180 ms", pass: false },
    ],
    failures: [{ route: "POST /login", status: 429, reason: "rate limited", count: 2 }],
    lostSaves: [],
    unverifiedSaves: ["s phase 1: could not sign in to read back"],
    acknowledgedSaves: 90,
    flows: { redeemed: 30, logins: 60, saves: 90, grades: 80, exams: 20 },
  };

  it("takes the server's and the client's numbers and names every failed check", () => {
    const f = stepFigures(summary, false);
    expect(f).toMatchObject({
      students: 30,
      reqPerSecond: 20,
      loginP95: { serverMs: 450, clientMs: 410 },
      meP99: { serverMs: 210, clientMs: 180.4 },
      serverErrorRatio: 0,
      errors: 2,
      lostSaves: 0,
      unverifiedSaves: 1,
      pass: false,
      failed: ["/me p99", "lost saves"],
    });
    expect(stepLine(f)).toBe(
      "   30 students             20.0 req/s  login p95   450/410 ms  /me p99   210/180 ms  5xx  0.00 %  errors   2  lost 0 of 90 (1 not verified)  FAIL (/me p99, lost saves)",
    );
  });

  it("shows n/a without /metrics and marks a re-run", () => {
    const f = stepFigures({ ...summary, server: null, unverifiedSaves: [], verdicts: [] }, true);
    expect(f).toMatchObject({ loginP95: { serverMs: null }, serverErrorRatio: null, pass: true });
    expect(stepLine(f)).toMatch(/^ {3}30 students \(re-run\) .* login p95 {5}–\/410 ms .* 5xx {5}n\/a .* PASS$/);
  });
});
