// Command-line options of npm run loadtest, validated and bounded.
import { isIP } from "node:net";
import path from "node:path";
import { parseFlags } from "../script-utils";

export const USAGE =
  "Usage: npm run loadtest -- --students 10 --duration 60s [--base-url http://127.0.0.1:3000] [--out report.html]\n" +
  "       [--token <metrics token>] [--think-ms 1000] [--max-requests 600] [--build-dir .next] [--browsers 0]\n" +
  "       [--one-address] [--no-pin] [--documents] [--metrics-from http://127.0.0.1:3001,http://127.0.0.1:3002]  (behind a balancer: each instance's /metrics)\n" +
  "       npm run loadtest -- --find-knee [--knee-step 10] [--knee-max 200] [--duration 60s] [other options but --students, --browsers]\n" +
  "       (steps of --knee-step students up to --knee-max; prints the largest count that passes every SLO)";

export type LoadtestOptions = {
  students: number;
  durationMs: number;
  baseUrl: URL;
  out: string | null;
  token: string | undefined;
  /** Mean pause between a student's steps; each pause is uniform in [0.5, 1.5] × this. */
  thinkMs: number;
  /** Hard cap of requests per student, whatever the duration. */
  maxRequestsPerStudent: number;
  buildDir: string;
  /** Real Chromium students beside the HTTP ones (scripts/loadtest/browser-student.ts). */
  browsers: number;
  /**
   * Where the server's own numbers come from: the base URL, or behind a balancer
   * every instance directly (through it, each scrape would reach another instance).
   */
  metricsFrom: URL[];
  /** Every student from one address (a classroom behind NAT) instead of one loopback address each. */
  oneAddress: boolean;
  /**
   * Every page a document, and a redirecting action's target loaded again (the
   * flow before 2026-12-08), instead of following links as a browser does.
   */
  documents: boolean;
  /** Pin the server and this generator to different cores (scripts/bench/cpu-pinning.ts); --no-pin turns it off. */
  pin: boolean;
  /** --find-knee: steps of `step` students up to `max` (knee.ts); null for one run of --students. */
  knee: { step: number; max: number } | null;
};

const LIMITS = {
  browsers: [0, 5],
  students: [1, 200],
  durationSeconds: [5, 900],
  thinkMs: [0, 10_000],
  maxRequests: [10, 5000],
  kneeStep: [1, 100],
  kneeMax: [1, 200],
} as const;

/** --find-knee measures at most this long in all (steps × --duration, before any re-run), so a search ends the same day. */
export const KNEE_MAX_MEASURED_MS = 120 * 60_000;

export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" ? n * 60_000 : n * 1000;
}

/** Loopback only: the load test must never send traffic anywhere else. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || /^::ffff:127\./.test(host);
  return false;
}

function intFlag(
  value: string | true | undefined,
  name: string,
  fallback: number,
  [min, max]: readonly [number, number],
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}.\n${USAGE}`);
  return n;
}

/** An http(s) URL on loopback, or an error naming the option. */
function loopbackUrl(raw: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${option} is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${option} must be http(s): ${raw}`);
  if (!isLoopbackHost(url.hostname)) {
    throw new Error(
      `Refusing to load-test ${url.origin}: the load test only runs against loopback (127.0.0.1, ::1, localhost).`,
    );
  }
  return new URL(url.origin);
}

export function parseOptions(
  argv: string[],
  env: { MINIPORTAL_METRICS_TOKEN?: string },
  defaultPort: number,
): LoadtestOptions {
  const flags = parseFlags(argv);
  const known = new Set([
    "students",
    "duration",
    "base-url",
    "out",
    "token",
    "think-ms",
    "max-requests",
    "build-dir",
    "browsers",
    "metrics-from",
    "one-address",
    "no-pin",
    "documents",
    "find-knee",
    "knee-step",
    "knee-max",
  ]);
  const unknown = Object.keys(flags).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`Unknown option --${unknown[0]}.\n${USAGE}`);

  const students = intFlag(flags.students, "students", 10, LIMITS.students);
  const durationMs =
    typeof flags.duration === "string" ? parseDuration(flags.duration) : flags.duration === undefined ? 60_000 : null;
  const [minS, maxS] = LIMITS.durationSeconds;
  if (durationMs === null || durationMs < minS * 1000 || durationMs > maxS * 1000) {
    throw new Error(`--duration must be between ${minS}s and ${maxS / 60}m (e.g. 60s, 2m).\n${USAGE}`);
  }
  const rawBase = typeof flags["base-url"] === "string" ? flags["base-url"] : `http://127.0.0.1:${defaultPort}`;
  const baseUrl = loopbackUrl(rawBase, "--base-url");
  const metricsFrom =
    typeof flags["metrics-from"] === "string"
      ? flags["metrics-from"].split(",").map((raw) => loopbackUrl(raw.trim(), "--metrics-from"))
      : [new URL(baseUrl.origin)];
  const knee = kneeOptions(flags, durationMs);
  return {
    students,
    durationMs,
    baseUrl: new URL(baseUrl.origin),
    out: typeof flags.out === "string" ? path.resolve(flags.out) : null,
    token: typeof flags.token === "string" ? flags.token : env.MINIPORTAL_METRICS_TOKEN || undefined,
    thinkMs: intFlag(flags["think-ms"], "think-ms", 1000, LIMITS.thinkMs),
    maxRequestsPerStudent: intFlag(flags["max-requests"], "max-requests", 600, LIMITS.maxRequests),
    buildDir: path.resolve(typeof flags["build-dir"] === "string" ? flags["build-dir"] : ".next"),
    browsers: intFlag(flags.browsers, "browsers", 0, LIMITS.browsers),
    metricsFrom,
    oneAddress: flags["one-address"] === true,
    documents: flags.documents === true,
    pin: flags["no-pin"] !== true,
    knee,
  };
}

/** The knee search's options, or null without --find-knee; anything contradictory is refused, naming the option. */
function kneeOptions(flags: Record<string, string | true>, durationMs: number): LoadtestOptions["knee"] {
  if (flags["find-knee"] === undefined) {
    for (const name of ["knee-step", "knee-max"])
      if (flags[name] !== undefined) throw new Error(`--${name} only applies with --find-knee.\n${USAGE}`);
    return null;
  }
  if (flags["find-knee"] !== true)
    throw new Error(`--find-knee takes no value (got "${flags["find-knee"]}").\n${USAGE}`);
  if (flags.students !== undefined)
    throw new Error(
      `--students does not apply with --find-knee: the steps set the student count (--knee-step, --knee-max).\n${USAGE}`,
    );
  if (flags.browsers !== undefined && flags.browsers !== "0")
    throw new Error(
      "--browsers cannot be combined with --find-knee: each Chromium student takes about a third of a core beside the " +
        "portal (docs/loadtest.md), so the knee would measure the browsers' share of the CPU as much as the portal. " +
        "Find the knee with HTTP students, then run --students <knee> --browsers N once.",
    );
  const step = intFlag(flags["knee-step"], "knee-step", 10, LIMITS.kneeStep);
  const max = intFlag(flags["knee-max"], "knee-max", 200, LIMITS.kneeMax);
  if (max < step) throw new Error(`--knee-max (${max}) must be at least --knee-step (${step}).\n${USAGE}`);
  const measuredMs = Math.floor(max / step) * durationMs;
  if (measuredMs > KNEE_MAX_MEASURED_MS)
    throw new Error(
      `--find-knee would measure ${Math.floor(max / step)} steps × ${durationMs / 1000} s = ${Math.round(measuredMs / 60_000)} min, ` +
        `more than ${KNEE_MAX_MEASURED_MS / 60_000} min: shorten --duration, raise --knee-step or lower --knee-max.\n${USAGE}`,
    );
  return { step, max };
}
