// Where a server worker spends its CPU under the benchmark (issue 24): the
// worker runs with V8's --cpu-prof (NODE_OPTIONS, so every Node process of
// `npm start` writes one at exit); the busiest profile is the serving worker's.
// Self time is summed per function and per package, so two runs compare by name.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  file: string;
  totalMs: number;
  idleMs: number;
  frames: { name: string; ms: number }[];
  packages: { name: string; ms: number }[];
};

/** "node_modules/next/dist/…" -> "next"; the portal's own files -> "portal"; node:… -> "node". */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const compiled = /node_modules\/next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (compiled) return `${compiled[1]!} (compiled into next)`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.includes("/.next/")) return "portal (built)";
  return "portal";
}

function frameName({ functionName, url, lineNumber }: ProfileNode["callFrame"]): string {
  if (!url) return functionName || "(anonymous)";
  const short = url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/\.next\//, ".next/");
  return `${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`;
}

function sum(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** Self time per frame and package in one .cpuprofile. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    totalMs += ms;
    if (node.callFrame.functionName === "(idle)") {
      idleMs += ms;
      return;
    }
    sum(frames, frameName(node.callFrame), ms);
    sum(packages, packageOf(node.callFrame.url, node.callFrame.functionName), ms);
  });
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms }));
  return { file, totalMs, idleMs, frames: sorted(frames), packages: sorted(packages) };
}

/** The profile with the most samples in `dir` (the serving worker's; the primary and npm idle). */
export function busiestProfile(dir: string): string | null {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  files.sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0] ?? null;
}

export function printProfile(summary: ProfileSummary): void {
  const busy = summary.totalMs - summary.idleMs;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
  console.log(
    `\nCPU profile of the serving worker (${path.basename(summary.file)}): ${(busy / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle. Self time:`,
  );
  console.log("  by package:");
  for (const p of summary.packages) console.log(`    ${pct(p.ms)}  ${p.name}`);
  console.log("  top frames:");
  for (const f of summary.frames) console.log(`    ${pct(f.ms)}  ${f.name}`);
}
