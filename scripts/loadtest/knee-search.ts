// `npm run loadtest -- --find-knee`: measured runs of 10, 20, 30, … students
// (each a fresh set of invited students, the same --duration and --think-ms)
// until the first one that fails an SLO or loses a save, one compact line per
// step, then the knee. Writes a JSON and an HTML summary of every step.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env";
import {
  decideKnee,
  estimateKneeMs,
  type KneeDecision,
  kneeLine,
  kneePlan,
  type StepFigures,
  stepFigures,
  stepLine,
} from "./knee";
import type { ActionIds } from "./next-actions";
import type { LoadtestOptions } from "./options";
import type { RunSummary } from "./report";
import { flowLine, measureRun } from "./run";

type KneeStep = StepFigures & { summary: RunSummary; lines: string[] };
type KneeDone = Extract<KneeDecision, { kind: "done" }>;

export type KneeReport = {
  command: string;
  startedAt: string;
  baseUrl: string;
  durationMs: number;
  thinkMs: number;
  kneeStep: number;
  kneeMax: number;
  plan: number[];
  /** A step that fails an SLO (not a save) is run once more; it passes if the re-run does. */
  rerunFailures: true;
  result: (KneeDone & { line: string }) | null;
  /** Set when a step could not run to the end (the search stopped there). */
  error?: string;
  steps: KneeStep[];
};

const minutes = (ms: number) => `${Math.max(1, Math.round(ms / 60_000))} min`;

/** Runs the search; returns the exit code (1 when even the first step fails or a save was lost). */
export async function findKnee(options: LoadtestOptions, ids: ActionIds, command: string): Promise<number> {
  const { step, max } = options.knee!;
  const plan = kneePlan(step, max);
  const report: KneeReport = {
    command,
    startedAt: new Date().toISOString(),
    baseUrl: options.baseUrl.origin,
    durationMs: options.durationMs,
    thinkMs: options.thinkMs,
    kneeStep: step,
    kneeMax: max,
    plan,
    rerunFailures: true,
    result: null,
    steps: [],
  };
  const out =
    options.out ??
    path.join(env().dataDir, "loadtest", `knee-${report.startedAt.replace(/:/g, "-")}-${step}-${max}.html`);
  console.log(
    `Finding the knee: ${plan.length} step${plan.length === 1 ? "" : "s"} of ${step} students (${plan[0]}–${plan.at(-1)}), ` +
      `${options.durationMs / 1000} s each, think ${options.thinkMs} ms, against ${options.baseUrl.origin}.\n` +
      `Estimated time: about ${minutes(estimateKneeMs(plan, options.durationMs))} if every step passes; it stops at the first failing step.\n` +
      `A step that fails an SLO is run once more to confirm (a noisy step does not end the search; it passes if the re-run passes); ` +
      `a lost or unverified save ends it at once.\n` +
      `Each step invites its own students (and a warm-up student) in ${env().databaseUrl}.\n` +
      flowLine(options.documents),
  );
  console.log("Per step: req/s, login p95 and /me p99 in ms (server/client), 5xx ratio, errors, lost saves, verdict.");

  let decision = decideKnee(plan, report.steps);
  try {
    while (decision.kind === "run") {
      const lines: string[] = [];
      const result = await measureRun({
        ...options,
        students: decision.students,
        ids,
        command,
        // The step's own progress and result lines go to the JSON; warnings are printed.
        log: (line) => {
          lines.push(line);
          if (line.startsWith("!")) console.log(`        ${line}`);
        },
      });
      const figures = stepFigures(result.summary, decision.rerun);
      report.steps.push({ ...figures, summary: result.summary, lines: [...lines, ...result.lines] });
      decision = decideKnee(plan, report.steps);
      console.log(
        stepLine(figures) +
          (decision.kind === "run" && decision.rerun ? `  → running ${decision.students} once more to confirm` : ""),
      );
    }
  } catch (error) {
    report.error = `${(error as Error).message} (while running ${decision.kind === "run" ? decision.students : "?"} students)`;
    writeKneeReport(out, report);
    console.log(`knee: not found, the search stopped: ${report.error}\nreport: ${out}`);
    throw error;
  }
  report.result = { ...decision, line: kneeLine(decision, max) };
  console.log(report.result.line);
  writeKneeReport(out, report);
  console.log(`report: ${out}`);
  const savesLost = report.steps.some((s) => s.lostSaves + s.unverifiedSaves > 0);
  if (savesLost) console.log("A save was lost or could not be read back at some step: see the JSON summary.");
  return decision.knee === null || savesLost ? 1 : 0;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const ms = (v: number | null) => (v === null ? "–" : String(Math.round(v)));

function writeKneeReport(out: string, report: KneeReport): void {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out.replace(/\.html?$/, "") + ".json", JSON.stringify(report, null, 2));
  writeFileSync(out, kneeHtml(report));
}

export function kneeHtml(report: KneeReport): string {
  const rows = report.steps
    .map(
      (s) =>
        `<tr><td>${s.students}${s.rerun ? " (re-run)" : ""}</td><td>${s.reqPerSecond.toFixed(1)}</td>` +
        `<td>${ms(s.loginP95.serverMs)} / ${ms(s.loginP95.clientMs)}</td><td>${ms(s.meP99.serverMs)} / ${ms(s.meP99.clientMs)}</td>` +
        `<td>${s.serverErrorRatio === null ? "n/a" : `${(s.serverErrorRatio * 100).toFixed(2)} %`}</td><td>${s.errors}</td>` +
        `<td>${s.lostSaves} of ${s.acknowledgedSaves}${s.unverifiedSaves ? ` (${s.unverifiedSaves} not verified)` : ""}</td>` +
        `<td class="${s.pass ? "pass" : "fail"}">${s.pass ? "PASS" : `FAIL: ${esc(s.failed.join(", "))}`}</td></tr>`,
    )
    .join("");
  const verdict = report.result?.line ?? `not found: ${report.error ?? "the search did not finish"}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Miniportal load test knee ${esc(report.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:1100px;color:#0f172a}table{border-collapse:collapse}td,th{border:1px solid #cbd5e1;padding:4px 8px;text-align:left}.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}pre{background:#f1f5f9;padding:8px;overflow:auto;font-size:12px}</style></head><body>
<h1>Miniportal load test: knee</h1>
<p><code>${esc(report.command)}</code><br>${esc(report.startedAt)} · steps of ${report.kneeStep} up to ${report.kneeMax} students · ${Math.round(report.durationMs / 1000)} s each · think ${report.thinkMs} ms · ${esc(report.baseUrl)}</p>
<p><strong>${esc(verdict)}</strong></p>
<p>SLOs: login p95 &lt; 500 ms, <code>/me</code> p99 &lt; 200 ms, invite success &gt; 99.9 %, 5xx ratio &lt; 1 % (server figures from <code>/metrics</code> when readable), and no lost save. A step that failed an SLO was run once more; it passes if the re-run passes.</p>
<table><tr><th>students</th><th>req/s</th><th>login p95 ms server / client</th><th>/me p99 ms server / client</th><th>5xx ratio</th><th>errors</th><th>lost saves</th><th>verdict</th></tr>${rows}</table>
${report.steps.map((s) => `<h2>${s.students} students${s.rerun ? " (re-run)" : ""}</h2><pre>${esc(s.lines.join("\n").trim())}</pre>`).join("\n")}
</body></html>
`;
}
