// The project's build commands as ops/Dockerfile states them, so that the test suite
// builds exactly the way the image does and cannot drift from it.
import { readFileSync } from "node:fs";

export type BuildSteps = {
  /** The build stage's ENV values, in order. */
  env: Record<string, string>;
  /** Shell-form RUN commands after `COPY . .`: the project's own build, not image setup. */
  run: string[];
};

/** Dockerfile instructions of one stage, continuation lines joined, comments dropped. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!current && (line === "" || line.startsWith("#"))) continue;
    if (current && line.startsWith("#")) continue; // a comment inside a continued instruction
    current += (current ? " " : "") + line.replace(/\\$/, "").trim();
    if (!line.endsWith("\\")) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out;
}

/** KEY=value pairs (double or single quotes allowed) or the legacy `ENV KEY value`. */
function parseEnv(args: string): Record<string, string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const [key = "", ...value] = args.split(/\s+/);
    return { [key]: value.join(" ") };
  }
  const pairs: Record<string, string> = {};
  for (const [, key = "", value = ""] of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g))
    pairs[key] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  return pairs;
}

/** The build stage: from the first FROM to the next FROM. */
export function buildStageSteps(dockerfile: string): BuildSteps {
  const all = instructions(readFileSync(dockerfile, "utf8"));
  const from = all.findIndex((i) => /^FROM\s/i.test(i));
  const next = all.findIndex((i, n) => n > from && /^FROM\s/i.test(i));
  if (from < 0) throw new Error(`${dockerfile}: no FROM`);
  const stage = all.slice(from + 1, next < 0 ? undefined : next);
  const copyAll = stage.findIndex((i) => /^COPY\s+\.\s+\.$/i.test(i));
  if (copyAll < 0) throw new Error(`${dockerfile}: the build stage has no \`COPY . .\``);

  const env: Record<string, string> = {};
  const run: string[] = [];
  stage.forEach((instruction, n) => {
    const [, keyword = "", args = ""] = /^(\w+)\s+(.*)$/.exec(instruction) ?? [];
    if (keyword.toUpperCase() === "ENV") Object.assign(env, parseEnv(args));
    if (keyword.toUpperCase() === "RUN" && n > copyAll) {
      if (args.startsWith("[")) throw new Error(`${dockerfile}: exec-form RUN is not supported here: ${instruction}`);
      run.push(args);
    }
  });
  if (run.length === 0) throw new Error(`${dockerfile}: no RUN after \`COPY . .\` in the build stage`);
  return { env, run };
}

export type RuntimeStage = {
  /** The final stage's ENV values: what a container of the image starts with. */
  env: Record<string, string>;
  workdir: string;
  user: string;
  /** Exec-form ENTRYPOINT, CMD and HEALTHCHECK CMD. */
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[];
};

/** The last stage: the image a container runs (the ops tests start it without Docker). */
export function runtimeStage(dockerfile: string): RuntimeStage {
  const all = instructions(readFileSync(dockerfile, "utf8"));
  const last = all.findLastIndex((i) => /^FROM\s/i.test(i));
  if (last < 0) throw new Error(`${dockerfile}: no FROM`);
  const stage: RuntimeStage = { env: {}, workdir: "/", user: "root", entrypoint: [], cmd: [], healthcheck: [] };
  const execForm = (instruction: string, args: string): string[] => {
    if (!args.startsWith("[")) throw new Error(`${dockerfile}: only the exec form is supported here: ${instruction}`);
    return JSON.parse(args) as string[];
  };
  for (const instruction of all.slice(last + 1)) {
    const [, keyword = "", args = ""] = /^(\w+)\s+(.*)$/.exec(instruction) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === "ENV") Object.assign(stage.env, parseEnv(args));
    if (upper === "WORKDIR") stage.workdir = args;
    if (upper === "USER") stage.user = args;
    if (upper === "ENTRYPOINT") stage.entrypoint = execForm(instruction, args);
    if (upper === "CMD") stage.cmd = execForm(instruction, args);
    if (upper === "HEALTHCHECK") stage.healthcheck = execForm(instruction, /\bCMD\s+(.*)$/.exec(args)?.[1] ?? "");
  }
  return stage;
}
