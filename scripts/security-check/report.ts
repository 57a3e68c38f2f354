// What each probe reports, and how the check prints it. Secrets never reach the
// terminal: every line goes through redact() with the credentials the check holds.

export type Verdict = "pass" | "fail" | "skip";

export type Outcome = {
  name: string;
  verdict: Verdict;
  /** What rate-limit budget the probe spent, or null for a cheap probe. */
  spends: string | null;
  /** One-line summary for the final table. */
  summary: string;
  failures: string[];
  notes: string[];
};

const secrets = new Set<string>();

/** Registers a credential (a cookie value, a password): it is masked wherever the check prints. */
export function addSecret(value: string): void {
  if (value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.replaceAll(s, "<redacted>");
  return out;
}

export function say(line: string): void {
  console.log(redact(line));
}

/** An outcome from its failures: fail when there are any. */
export function outcome(
  name: string,
  spends: string | null,
  summary: string,
  failures: string[],
  notes: string[] = [],
): Outcome {
  return { name, spends, summary, failures, notes, verdict: failures.length ? "fail" : "pass" };
}

export function skipped(name: string, why: string): Outcome {
  return { name, verdict: "skip", spends: null, summary: why, failures: [], notes: [] };
}

/** Printed as soon as a probe ends, so a long run shows progress. */
export function printOutcome(o: Outcome): void {
  say(`\n[${o.verdict.toUpperCase()}] ${o.name}: ${o.summary}`);
  if (o.spends) say(`  spent: ${o.spends}`);
  for (const n of o.notes) say(`  note: ${n}`);
  const shown = o.failures.slice(0, 25);
  for (const f of shown) say(`  ✗ ${f}`);
  if (o.failures.length > shown.length) say(`  … and ${o.failures.length - shown.length} more`);
}

export function printSummary(outcomes: readonly Outcome[], seconds: number): void {
  say(`\nSummary (${seconds.toFixed(0)} s):`);
  for (const o of outcomes) say(`  ${o.verdict.toUpperCase().padEnd(4)}  ${o.name.padEnd(30)} ${o.summary}`);
  const failed = outcomes.filter((o) => o.verdict === "fail");
  say(
    failed.length
      ? `\n${failed.length} class(es) failed: ${failed.map((o) => o.name).join(", ")}.`
      : "\nNo 5xx, no finding, every limit held.",
  );
}
