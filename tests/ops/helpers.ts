// Shared helpers for the ops tests (tests/ops/*.test.ts): paths, YAML/JSON loading,
// promtool, and the metric families the app promises (docs/DESIGN observability
// contract), so configs cannot query a metric that does not exist.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const OPS = path.join(REPO, "ops");
export const PROM_DIR = path.join(OPS, "prometheus");
export const PROMETHEUS_YML = path.join(PROM_DIR, "prometheus.yml");
export const PROMETHEUS_LOCAL_YML = path.join(PROM_DIR, "prometheus.local.yml");
export const ALERTS_YML = path.join(PROM_DIR, "alerts.yml");
export const ALERTS_TEST_YML = path.join(PROM_DIR, "alerts.test.yml");
export const DASHBOARD_JSON = path.join(OPS, "grafana/dashboards/portal.json");
export const COMPOSE_YML = path.join(OPS, "compose.yml");
export const SLO_MD = path.join(REPO, "docs/slo.md");

export function readYaml<T = unknown>(file: string): T {
  return YAML.parse(readFileSync(file, "utf8")) as T;
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** A temporary directory, removed by the returned cleanup function. */
export function tempDir(prefix = "miniportal-ops-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------- binaries

const INSTALL_HINT =
  "install the Debian package `prometheus` (apt-get install -y prometheus), " +
  "which provides both promtool and prometheus";

/**
 * Path of a Prometheus binary (promtool or prometheus), from $PROMTOOL/$PROMETHEUS
 * or PATH. Throws with an install hint when missing: the ops tests must fail, not
 * skip, on a machine without it (CI installs the package).
 */
export function requireBinary(name: "promtool" | "prometheus"): string {
  const bin = process.env[name.toUpperCase()] || name;
  try {
    execFileSync(bin, ["--version"], { stdio: "pipe" });
  } catch {
    throw new Error(`${name} not found (tried "${bin}"): ${INSTALL_HINT}, or set $${name.toUpperCase()}.`);
  }
  return bin;
}

export interface RunResult {
  ok: boolean;
  output: string;
}

/** Runs a command, capturing stdout+stderr whatever the exit status. */
export function run(bin: string, args: string[], cwd = REPO): RunResult {
  try {
    const out = execFileSync(bin, args, { cwd, stdio: "pipe", encoding: "utf8" });
    return { ok: true, output: out };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message };
  }
}

export function promtool(args: string[], cwd = REPO): RunResult {
  return run(requireBinary("promtool"), args, cwd);
}

/**
 * Checks PromQL syntax and semantics with promtool by wrapping each expression in
 * a recording rule. Returns promtool's result.
 */
export function checkPromQL(exprs: string[]): RunResult {
  const { dir, cleanup } = tempDir();
  try {
    const rules = {
      groups: [
        {
          name: "promql-syntax-check",
          rules: exprs.map((expr, i) => ({ record: `syntax_check:expr_${i}`, expr })),
        },
      ],
    };
    const file = path.join(dir, "exprs.rules.yml");
    writeFileSync(file, YAML.stringify(rules));
    return promtool(["check", "rules", file]);
  } finally {
    cleanup();
  }
}

// ---------------------------------------------------------------- metrics contract

const HISTOGRAMS = ["portal_request_duration_seconds", "portal_vault_decrypt_seconds"];
const OTHERS = [
  "portal_requests_in_flight",
  "portal_server_errors_total",
  "portal_login_attempts_total",
  "portal_invite_redemptions_total",
  "portal_csrf_blocks_total",
  "portal_ratelimit_blocks_total",
  // The primary's mail registry (lib/mail/mail-metrics.ts), when email is on.
  "portal_mail_sent_total",
  "portal_mail_outbox_depth",
  "portal_mail_outbox_oldest_age_seconds",
  // prom-client Node defaults used by the ops configs
  "process_resident_memory_bytes",
  "nodejs_eventloop_lag_p99_seconds",
  "nodejs_heap_size_used_bytes",
];
// Series that Prometheus itself or the blackbox exporter produce.
const SCRAPER_SERIES = ["up", "probe_success"];

export const KNOWN_SERIES = new Set<string>([
  ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_count`, `${h}_sum`]),
  ...OTHERS,
  ...SCRAPER_SERIES,
]);

/** Metric names from the app's or Node's families referenced in a PromQL text. */
export function referencedAppMetrics(expr: string): string[] {
  return [...expr.matchAll(/\b((?:portal|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);
}

// ---------------------------------------------------------------- Prometheus config types

export interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  authorization?: { type?: string; credentials_file?: string };
  static_configs?: { targets: string[]; labels?: Record<string, string> }[];
  relabel_configs?: { source_labels?: string[]; target_label?: string; replacement?: string }[];
  params?: Record<string, string[]>;
}

export interface PromConfig {
  global?: Record<string, string>;
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
}

export interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

export function allRules(file = ALERTS_YML): Rule[] {
  return readYaml<RuleFile>(file).groups.flatMap((g) => g.rules);
}

/**
 * A copy of prometheus.yml that promtool can check on this machine: the same
 * config, with the container's token path (/run/secrets/...) pointed at a
 * temporary file, next to a copy of alerts.yml so rule_files resolves.
 */
export function renderComposePrometheusForCheck(dir: string): string {
  const config = readYaml<PromConfig>(PROMETHEUS_YML);
  const tokenFile = path.join(dir, "metrics_token");
  writeFileSync(tokenFile, "test-token");
  for (const sc of config.scrape_configs) {
    if (sc.authorization?.credentials_file) sc.authorization.credentials_file = tokenFile;
  }
  for (const rf of config.rule_files ?? []) {
    writeFileSync(path.join(dir, rf), readFileSync(path.join(PROM_DIR, rf)));
  }
  const out = path.join(dir, "prometheus.yml");
  writeFileSync(out, YAML.stringify(config));
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

export function markdownAnchors(file: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (m?.[1]) anchors.add(githubSlug(m[1]));
  }
  return anchors;
}
