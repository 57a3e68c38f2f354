// A bounded, loopback-only security check of a running portal (not part of
// `npm test`: it takes minutes). See docs/security.md, "Security check".
//
//   npm run security:check -- --url http://127.0.0.1:3000 [--cookie 'miniportal.session=…'] [--minutes 5] [--skip-scanners]
//
// 1. Hostile raw requests (bad path encodings, server-action payload shapes,
//    next-auth endpoints): every answer must be < 500.
// 2. sqlmap (Debian package `sqlmap`) against the sign-in form and, with an admin
//    cookie, the audit search; wapiti (Debian package `wapiti`) over the site.
//    Each runs only if installed, with a time budget, one thread, and only
//    against a loopback address.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    cookie: { type: "string" },
    minutes: { type: "string", default: "4" },
    "skip-scanners": { type: "boolean", default: false },
  },
});
const base = new URL(values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`);
const budgetSeconds = Math.min(30, Math.max(1, Number(values.minutes))) * 60;
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);
if (!LOOPBACK.has(base.hostname)) {
  console.error(`security-check only scans loopback addresses (127.0.0.1, ::1, localhost), not ${base.hostname}.`);
  process.exit(2);
}

type Answer = { status: number; body: string };
function raw(method: string, rawPath: string, headers: Record<string, string> = {}, body = ""): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: base.hostname.replace(/^\[|\]$/g, ""),
        port: base.port || 80,
        method,
        path: rawPath,
        timeout: 15_000,
        // A fresh connection each time: the scanners run synchronously for minutes, and a
        // kept-alive socket the server closed meanwhile would fail the next request.
        agent: false,
        headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.on("timeout", () => req.destroy());
    req.end(body);
  });
}

async function hostileRequests(): Promise<string[]> {
  const failures: string[] = [];
  let sent = 0;
  const probe = async (label: string, method: string, p: string, headers: Record<string, string> = {}, body = "") => {
    sent++;
    const r = await raw(method, p, { origin: base.origin, ...headers }, body);
    if (r.status >= 500 || r.status === 0) failures.push(`${label}: ${r.status || "no answer"}`);
  };
  for (const bad of ["%ff", "%c0%af", "%ed%a0%80", "%", "%zz", "%00", "%f0%9f%99"]) {
    for (const template of ["/invite/X", "/phase/X/notes", "/phase/X", "/admin/students/X", "/X", "/api/auth/X"]) {
      const p = template.replace("X", bad);
      await probe(`GET ${p}`, "GET", p);
      await probe(`POST ${p}`, "POST", p, { "content-type": "text/plain" }, "x");
    }
  }
  await probe("providers callbackUrl", "GET", "/api/auth/providers?callbackUrl=http://x:99999");
  // Action ids come from the login page's HTML is not possible (they are in JS chunks): use made-up and hostile ones.
  const bodies: [string, string][] = [
    ["text/plain", "not json"],
    ["text/plain", "[".repeat(50_000)],
    ["text/plain", '{"a":1}'],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n{"a":1}\r\n--x--\r\n'],
    ["multipart/form-data", "--x"],
    ["application/x-www-form-urlencoded", "a=b"],
  ];
  for (const id of ["7f" + "0".repeat(40), "x", "../../etc/passwd", "%ff"]) {
    for (const [type, body] of bodies) {
      for (const p of ["/login", "/me", "/invite/abc", "/phase/01/notes"])
        await probe(
          `action ${id.slice(0, 8)} ${type} ${p}`,
          "POST",
          p,
          { "next-action": id, "content-type": type },
          body,
        );
    }
  }
  console.log(`  hostile requests: ${sent} sent, ${failures.length} answered 5xx or not at all`);
  return failures;
}

function installed(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
}

function run(tool: string, args: string[], seconds: number): string {
  // The session cookie is a credential: never into the terminal or a CI log.
  const shown = args.map((a) => (values.cookie ? a.replaceAll(values.cookie, "<cookie>") : a));
  console.log(`  $ ${tool} ${shown.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const started = Date.now();
  const result = spawnSync("timeout", ["--signal=INT", String(seconds), tool, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  console.log(`    (${tool} ran ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status})`);
  return `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
}

function sqlmap(seconds: number): string[] {
  if (!installed("sqlmap")) {
    console.log("  sqlmap: not installed (apt-get install sqlmap) — skipped");
    return [];
  }
  const common = [
    "--batch",
    "--level=2",
    "--risk=1",
    "--threads=1",
    "--timeout=10",
    "--retries=0",
    "--time-sec=2",
    "--disable-coloring",
    `--output-dir=${mkdtempSync(path.join(tmpdir(), "sqlmap-"))}`,
  ];
  const targets: string[][] = [
    ["-u", `${base.origin}/login`, "--data", "email=a%40example.org&password=x", "-p", "email,password"],
  ];
  if (values.cookie)
    targets.push([
      "-u",
      `${base.origin}/admin/audit?actor=x&target=y&action=login.failed`,
      "--cookie",
      values.cookie,
      "-p",
      "actor,target,action",
    ]);
  const findings: string[] = [];
  for (const target of targets) {
    const out = run("sqlmap", [...target, ...common], Math.floor(seconds / targets.length));
    for (const line of out.split("\n"))
      // Only sqlmap's verdicts, not its heuristics' "might (not) be injectable" chatter.
      if (/identified the following injection point|parameter '[^']*' is vulnerable/i.test(line))
        findings.push(`sqlmap: ${line.trim()}`);
  }
  return findings;
}

function wapiti(seconds: number): string[] {
  if (!installed("wapiti")) {
    console.log("  wapiti: not installed (apt-get install wapiti) — skipped");
    return [];
  }
  const dir = mkdtempSync(path.join(tmpdir(), "wapiti-"));
  const args = [
    "-u",
    `${base.origin}/`,
    "--scope",
    "folder",
    "-m",
    "sql,xss,exec,file,redirect,crlf,ssrf,permanentxss",
    "--max-scan-time",
    String(seconds - 15),
    "--max-links-per-page",
    "30",
    "-d",
    "3",
    "--flush-session",
    "-f",
    "json",
    "-o",
    path.join(dir, "report.json"),
  ];
  if (values.cookie) args.push("-H", `Cookie: ${values.cookie}`);
  run("wapiti", args, seconds);
  const file = readdirSync(dir).find((f) => f.endsWith(".json"));
  if (!file) return ["wapiti: no report written"];
  const report = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
    vulnerabilities?: Record<string, unknown[]>;
  };
  const findings = Object.entries(report.vulnerabilities ?? {}).flatMap(([kind, list]) =>
    list.map((v) => `wapiti: ${kind}: ${JSON.stringify(v).slice(0, 300)}`),
  );
  console.log(`  wapiti: ${findings.length} finding(s) (report ${path.join(dir, file)})`);
  return findings;
}

async function main(): Promise<void> {
  const health = await raw("GET", "/health");
  if (health.status !== 200) {
    console.error(
      `No ready portal at ${base.origin} (/health answered ${health.status || "nothing"}). Start it first (npm start).`,
    );
    process.exit(2);
  }
  console.log(`Security check of ${base.origin} (budget ${budgetSeconds / 60} min per scanner)`);
  const scanners = values["skip-scanners"] ? [] : [...sqlmap(budgetSeconds), ...wapiti(budgetSeconds)];
  const failures = [...(await hostileRequests()), ...scanners];
  const after = await raw("GET", "/health");
  if (after.status !== 200) failures.push(`/health answered ${after.status} after the scan`);
  if (failures.length) {
    console.log(`\n${failures.length} problem(s):\n  ${failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log("\nNo 5xx, no finding.");
}

await main();
