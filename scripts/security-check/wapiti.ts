// wapiti over the site, through the loopback guard (./guard-proxy.ts). Only the
// modules that talk to the portal alone: ssrf and xxe send the portal to an
// external endpoint (wapiti3.ovh by default), wapp and nikto download databases
// from GitHub, and a crashing module uploads a report to wapiti3.ovh unless
// --no-bugreport. The endpoints are pointed at a closed loopback port as well,
// and the guard refuses any other host whatever a module tries.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Actions } from "./actions";
import { describeGuard, startGuard } from "./guard-proxy";
import type { Client } from "./http";
import { type Outcome, outcome, skipped } from "./report";
import { installed, runTool } from "./run-tool";

export const WAPITI_MODULES = "sql,xss,exec,file,redirect,crlf,permanentxss";
const MODULE_COUNT = WAPITI_MODULES.split(",").length;
/** Discard port: nothing listens there, so an endpoint callback goes nowhere. */
const DEAD_ENDPOINT = "http://127.0.0.1:9/";

/** React's hidden fields: nothing to inject there (the portal refuses them malformed), skipped by xss. */
function skippedParameters(actions: Actions): string[] {
  const names = ["$ACTION_KEY"];
  for (let i = 0; i < 12; i++) names.push(`$ACTION_REF_${i}`, `$ACTION_${i}:0`, `$ACTION_${i}:1`);
  for (const a of actions.list) names.push(`$ACTION_ID_${a.id}`);
  return names.flatMap((n) => ["--skip", n]);
}

export async function wapiti(
  client: Client,
  actions: Actions,
  cookie: string | null,
  source: (() => string) | null,
  seconds: number,
): Promise<Outcome> {
  const name = "wapiti";
  if (!installed("wapiti")) return skipped(name, "not installed (apt-get install wapiti)");
  const base = client.base;
  // --max-scan-time bounds only the crawl and --max-attack-time each module: share the budget
  // so wapiti ends by itself (interrupted, it asks on stdin; the "r" below answers "report").
  const crawlSeconds = Math.max(20, Math.floor(seconds * 0.3));
  const attackSeconds = Math.max(10, Math.floor((seconds * 0.6) / MODULE_COUNT));
  const dir = mkdtempSync(path.join(tmpdir(), "wapiti-"));
  const guard = await startGuard({ target: base, cookie, neverIds: actions.neverScan, source });
  const args = [
    "-u",
    `${base.origin}/`,
    "--scope",
    "folder",
    "-m",
    WAPITI_MODULES,
    "-p",
    `${guard.url}/`,
    "--endpoint",
    DEAD_ENDPOINT,
    "--no-bugreport",
    "--max-scan-time",
    String(crawlSeconds),
    "--max-attack-time",
    String(attackSeconds),
    "--max-links-per-page",
    "30",
    "-d",
    "3",
    "--flush-session",
    "--store-session",
    path.join(dir, "session"),
    "--store-config",
    path.join(dir, "config"),
    "-f",
    "json",
    "-o",
    path.join(dir, "report.json"),
    ...skippedParameters(actions),
  ];
  let run;
  try {
    run = await runTool("wapiti", args, seconds + 60, "r\n");
  } finally {
    await guard.close();
  }
  const failures: string[] = [];
  const notes = [`guard: ${describeGuard(guard.stats)}`];
  if (guard.stats.forwarded === 0) failures.push("wapiti sent nothing through the loopback guard");
  if (cookie && (await client.send({ path: "/account", headers: { cookie } })).status !== 200)
    failures.push("the session is no longer signed in after the scan: something ended it");
  const file = readdirSync(dir).find((f) => f.endsWith(".json"));
  if (!file) {
    failures.push("no report written");
    notes.push(run.output.split("\n").slice(-5).join(" | "));
    return outcome(name, null, "no report", failures, notes);
  }
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
    vulnerabilities?: Record<string, unknown[]>;
  };
  for (const [kind, list] of Object.entries(report.vulnerabilities ?? {}))
    for (const v of list) failures.push(`${kind}: ${JSON.stringify(v).slice(0, 300)}`);
  return outcome(
    name,
    "throwaway loopback addresses' sign-in budgets; signed in, the account's wrong-current-password budget (password_check) when it attacks /account",
    `${WAPITI_MODULES}; ${run.seconds.toFixed(0)} s: ${failures.length} finding(s) (report ${path.join(dir, file)})`,
    failures,
    notes,
  );
}
