// Where a server worker spends its CPU under the benchmark (issue 24): the
// worker runs V8's sampling profiler (cpu-profiler-preload.cjs, restarted after
// the warm-up), and the busiest profile is the serving worker's. Frames of the
// build's bundles are put back on their sources through the build's own source
// maps (node:module SourceMap), so two runs compare by file and function name.
// Printed: self time per package and per frame, and inclusive time per source
// file of the portal (what a request spends under each of our modules).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
type Frame = { name: string; pkg: string; source: string | null };
type Ranked = { name: string; ms: number }[];

export type ProfileSummary = {
  file: string;
  totalMs: number;
  idleMs: number;
  frames: Ranked;
  packages: Ranked;
  portalFiles: Ranked;
};

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  const file = url.replace(/^file:\/\//, "");
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null; // an unreadable map: the bundle's own name is shown
    }
    maps.set(file, map);
  }
  return maps.get(file) ?? null;
}

/** "…/node_modules/@scope/pkg/…" -> "@scope/pkg"; null for the portal's own files. */
function packageIn(file: string): string | null {
  const all = [...file.matchAll(/node_modules\/((?:@[^/]+|%40[^/]+)\/[^/]+|[^/@%][^/]*)/g)];
  const last = all.at(-1)?.[1];
  return last ? last.replace(/^%40/, "@") : null;
}

/** The portal's source path ("lib/auth/sessions.ts") of a mapped source, or null. */
function portalSource(source: string): string | null {
  if (source.includes("node_modules/") || source.startsWith("turbopack:")) return null;
  const m = /(?:^|\/)((?:app|lib|components|proxy\.ts|instrumentation\.ts)(?:\/.*)?)$/.exec(
    source.replace(/^.*\[project\]\//, ""),
  );
  return m ? m[1]! : null;
}

const resolved = new Map<string, Frame>();

function frameOf(cf: CallFrame): Frame {
  const key = `${cf.url}:${cf.lineNumber}:${cf.columnNumber}:${cf.functionName}`;
  let frame = resolved.get(key);
  if (frame) return frame;
  const fn = cf.functionName || "(anonymous)";
  if (!cf.url) frame = { name: fn, pkg: fn.startsWith("(") ? fn : "(native)", source: null };
  else if (cf.url.startsWith("node:"))
    frame = { name: `${fn} ${cf.url}:${cf.lineNumber + 1}`, pkg: "node", source: null };
  else {
    const entry = cf.url.includes("/.next/") ? sourceMapOf(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber) : null;
    const original =
      entry && "originalSource" in entry
        ? (entry as { originalSource: string; originalLine: number; name?: string })
        : null;
    const file = original ? original.originalSource : cf.url.replace(/^file:\/\//, "");
    const line = original ? original.originalLine : cf.lineNumber;
    const portal = original ? portalSource(file) : null;
    const pkg =
      packageIn(file) ?? (portal ? "portal" : file.startsWith("turbopack:") ? "turbopack runtime" : "(other)");
    const short = portal ?? file.replace(/^.*node_modules\//, "").replace(/^turbopack:\/\/\/\[turbopack\]\//, "");
    frame = { name: `${(original && original.name) || fn} ${short}:${line + 1}`, pkg, source: portal };
  }
  resolved.set(key, frame);
  return frame;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

const ranked = (m: Map<string, number>, top: number): Ranked =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms }));

/** Self time per frame and package, inclusive time per portal source file, in one .cpuprofile. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  const portalFiles = new Map<string, number>();
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
    const self = frameOf(node.callFrame);
    add(frames, self.name, ms);
    add(packages, self.pkg, ms);
    const seen = new Set<string>(); // each file once per sample, however deep it recurses
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const source = frameOf(byId.get(cur)!.callFrame).source;
      if (source && !seen.has(source)) {
        seen.add(source);
        add(portalFiles, source, ms);
      }
    }
  });
  return {
    file,
    totalMs,
    idleMs,
    frames: ranked(frames, top),
    packages: ranked(packages, top),
    portalFiles: ranked(portalFiles, top),
  };
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
    `\nCPU profile of the serving worker after the warm-up (${path.basename(summary.file)}): ${(busy / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle.`,
  );
  console.log("  self time by package:");
  for (const p of summary.packages) console.log(`    ${pct(p.ms)}  ${p.name}`);
  console.log("  self time, top frames:");
  for (const f of summary.frames) console.log(`    ${pct(f.ms)}  ${f.name}`);
  console.log("  inclusive time under the portal's own files:");
  for (const f of summary.portalFiles) console.log(`    ${pct(f.ms)}  ${f.name}`);
}
