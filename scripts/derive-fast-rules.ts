// Derives a fast copy of ops/prometheus/alerts.yml for live alerting tests: the
// same groups, expressions, labels and annotations, with every `for:` divided by
// a factor (default 60: 30m -> 30s), so a breach pages within seconds instead of
// half an hour. Only `for:` changes; expression windows ([5m], [1h]) stay, so
// what fires is exactly what production evaluates.
//
//   npx tsx scripts/derive-fast-rules.ts [--divide 60] [--in ops/prometheus/alerts.yml] > fast-alerts.yml
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import YAML from "yaml";

export const ALERTS_YML = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "ops",
  "prometheus",
  "alerts.yml",
);

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** Prometheus duration ("1h30m", "2m", "45s") in seconds. */
export function durationSeconds(text: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text)
    throw new Error(`not a Prometheus duration: ${text}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]!]!, 0);
}

type RuleFile = { groups: { name: string; rules: { alert?: string; for?: string }[] }[] };

/**
 * The rules file text with every `for:` divided by `divide`, at least `minSeconds`
 * (default 1). Comments are kept.
 */
export function deriveFastRules(text: string, divide = 60, minSeconds = 1): string {
  if (!(divide >= 1)) throw new Error(`--divide must be at least 1 (got ${divide})`);
  const doc = YAML.parseDocument(text);
  const parsed = doc.toJS() as RuleFile;
  parsed.groups.forEach((group, g) =>
    group.rules.forEach((rule, r) => {
      if (rule.for === undefined) return;
      const seconds = Math.max(minSeconds, Math.round(durationSeconds(rule.for) / divide));
      doc.setIn(["groups", g, "rules", r, "for"], `${seconds}s`);
    }),
  );
  doc.commentBefore = ` Derived by scripts/derive-fast-rules.ts from ops/prometheus/alerts.yml (for: divided by ${divide}). Do not edit.\n${doc.commentBefore ?? ""}`;
  return doc.toString({ lineWidth: 0 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  process.stdout.write(deriveFastRules(readFileSync(flag("in") ?? ALERTS_YML, "utf8"), Number(flag("divide") ?? 60)));
}
