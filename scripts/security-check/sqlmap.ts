// sqlmap against the sign-in action as the browser calls it (a multipart POST to
// /login with the `next-action` header and React's "_1_" field names; a plain
// form post to the page never reaches the action) and, signed in, the audit
// search. Through the loopback guard (./guard-proxy.ts): the cookie is added
// there, and every request comes from a throwaway address.
import { mkdtempSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actions } from "./actions";
import { describeGuard, startGuard } from "./guard-proxy";
import { formActionBody } from "./http";
import { type Outcome, outcome, skipped } from "./report";
import { installed, runTool } from "./run-tool";

/** Only sqlmap's verdicts, not its heuristics' "might (not) be injectable" chatter. */
const VERDICT = /identified the following injection point|parameter '[^']*' is vulnerable/i;

export async function sqlmap(
  base: URL,
  actions: Actions,
  cookie: string | null,
  source: (() => string) | null,
  seconds: number,
): Promise<Outcome> {
  const name = "sqlmap";
  if (!installed("sqlmap")) return skipped(name, "not installed (apt-get install sqlmap)");
  const common = [
    "--batch",
    "--level=2",
    "--risk=1",
    "--threads=1",
    "--timeout=10",
    "--retries=0",
    "--time-sec=2",
    "--skip-waf",
    "--disable-coloring",
    `--output-dir=${mkdtempSync(path.join(tmpdir(), "sqlmap-"))}`,
  ];
  const targets: { label: string; args: string[]; cookie: string | null }[] = [];
  if (actions.login) {
    const { type, body } = formActionBody({
      email: `security-check-${randomBytes(4).toString("hex")}@example.invalid`,
      password: "security-check",
    });
    // sqlmap strips the body's trailing whitespace, and "--boundary--\r" is not multipart: end at "--".
    const data = body.replace(/\r\n$/, "");
    const headers = [
      `Content-Type: ${type}`,
      `Next-Action: ${actions.login.id}`,
      "Accept: text/x-component",
      `Origin: ${base.origin}`,
    ];
    targets.push({
      label: "the sign-in action",
      args: [
        "-u",
        `${base.origin}${actions.login.path}`,
        "--data",
        data,
        "--headers",
        headers.join("\n"),
        "-p",
        "_1_email,_1_password",
      ],
      cookie: null,
    });
  }
  if (cookie)
    targets.push({
      label: "the audit search",
      args: ["-u", `${base.origin}/admin/audit?actor=x&target=y&action=login.failed`, "-p", "actor,target,action"],
      cookie,
    });
  if (targets.length === 0) return skipped(name, "no sign-in action found and no cookie");
  const failures: string[] = [];
  const notes: string[] = [];
  for (const target of targets) {
    const guard = await startGuard({ target: base, cookie: target.cookie, neverIds: actions.neverScan, source });
    try {
      const run = await runTool(
        "sqlmap",
        [...target.args, ...common, `--proxy=${guard.url}`],
        Math.floor(seconds / targets.length),
      );
      for (const line of run.output.split("\n"))
        if (VERDICT.test(line)) failures.push(`${target.label}: ${line.trim()}`);
      notes.push(`${target.label}: ${run.seconds.toFixed(0)} s; guard: ${describeGuard(guard.stats)}`);
      if (guard.stats.forwarded === 0) failures.push(`${target.label}: sqlmap sent nothing through the loopback guard`);
    } finally {
      await guard.close();
    }
  }
  return outcome(
    name,
    "only throwaway loopback addresses' sign-in budgets and made-up accounts'",
    `${targets.map((t) => t.label).join(" and ")}: ${failures.length ? `${failures.length} injection point(s)` : "no injection point"}`,
    failures,
    notes,
  );
}
