// Load through the balancer while an instance dies (issue 22, e2e/75-scale-out): one
// signed-in student's page GETs and journal saves, every answer kept, so the spec
// can count failed GETs and the balancer's 503s and check that no acknowledged save
// was lost. Journal saves carry the version they edit: one save loop per phase, so
// the only conflicts are those a failed (possibly committed) save leaves behind.
import http from "node:http";
import { type Browser, expect } from "@playwright/test";
import { noteText, noteVersion } from "../../scripts/loadtest/html";
import { actionResult, encodeFormAction } from "../../scripts/loadtest/next-actions";
import { STUDENT_PASSWORD, choosePassword, inviteStudent, uniqueEmail } from "./accounts";

export type Answer = { method: "GET" | "POST"; path: string; status: number; instance: string; atMs: number };
/** A save's answer: acknowledged (status 200, kind "saved", a version) or a failure the client was told of. */
export type Save = { phase: number; text: string; status: number; kind: string | null; version: number | null };

export type LoadOptions = {
  base: string;
  cookie: string;
  saveActionId: string;
  phases: number[];
  /** Concurrent page loops besides the save loops. */
  pageLoops?: number;
  /** Upper bound on requests, whatever happens (a kill and restart take a few hundred). */
  maxRequests?: number;
  /** Between saves of one loop: the session's write limit (120 a minute) must not refuse them. */
  savePauseMs?: number;
};

const TIMEOUT_MS = 30_000;
const pad = (n: number) => String(n).padStart(2, "0");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function balancerLoad(options: LoadOptions) {
  const o = { pageLoops: 3, maxRequests: 4000, savePauseMs: 2_000, ...options };
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.pageLoops + o.phases.length });
  const answers: Answer[] = [];
  const saves: Save[] = [];
  /** A page that showed a phase older than a save acknowledged before it was asked for. */
  const staleReads: string[] = [];
  const acked = new Map<number, Save>();
  const t0 = performance.now();
  let running = true;
  const more = () => running && answers.length < o.maxRequests;

  async function send(method: "GET" | "POST", path: string, headers: Record<string, string>, body?: Buffer) {
    const atMs = performance.now() - t0;
    const answer = await new Promise<{ status: number; instance: string; text: string }>((resolve) => {
      const req = http.request(new URL(path, o.base), { method, agent, headers, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            instance: String(res.headers["x-miniportal-instance"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", () => resolve({ status: 0, instance: "", text: "" }));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      // A reset or refused connection is status 0: a failure the client sees.
      req.on("error", () => resolve({ status: 0, instance: "", text: "" }));
      req.end(body);
    });
    answers.push({ method, path, status: answer.status, instance: answer.instance, atMs });
    return answer;
  }

  const page = (path: string) => send("GET", path, { cookie: o.cookie });

  async function pageLoop(i: number): Promise<void> {
    const paths = ["/me", `/phase/${pad(o.phases[i % o.phases.length]!)}/notes`, "/review"];
    for (let n = 0; more(); n++) {
      const answer = await page(paths[n % paths.length]!);
      if (answer.status !== 200) await sleep(50); // no busy loop against a balancer that refuses
    }
  }

  async function saveLoop(phase: number): Promise<void> {
    const path = `/phase/${pad(phase)}/notes`;
    for (let n = 0; more(); n++) {
      const before = acked.get(phase);
      const html = await page(path);
      const version = html.status === 200 ? noteVersion(html.text) : null;
      if (version === null) {
        await sleep(50); // a failed GET, counted as such
        continue;
      }
      if (before && version < before.version!) staleReads.push(`phase ${phase}: v${version} after v${before.version}`);
      const text = `Restart drill, phase ${phase}, save ${n} at ${new Date().toISOString()}`;
      const fields: [string, string][] = [
        ["phase", String(phase)],
        ["baseVersion", String(version)],
        ["text", text],
      ];
      const encoded = new Response(await encodeFormAction({ status: "idle" }, fields));
      const answer = await send(
        "POST",
        path,
        {
          cookie: o.cookie,
          "content-type": encoded.headers.get("content-type")!,
          accept: "text/x-component",
          "next-action": o.saveActionId,
          origin: o.base,
        },
        Buffer.from(await encoded.arrayBuffer()),
      );
      const result = answer.status === 200 ? actionResult(answer.text) : null;
      const kind = typeof result?.data?.kind === "string" ? result.data.kind : null;
      const saved = kind === "saved" ? Number(result?.data?.version) : NaN;
      const save: Save = { phase, text, status: answer.status, kind, version: Number.isInteger(saved) ? saved : null };
      saves.push(save);
      if (save.version !== null) acked.set(phase, save);
      await sleep(o.savePauseMs);
    }
  }

  const loops = [
    ...Array.from({ length: o.pageLoops }, (_, i) => pageLoop(i)),
    ...o.phases.map((p, i) => sleep(i * 150).then(() => saveLoop(p))),
  ];
  return {
    answers,
    saves,
    staleReads,
    acked,
    maxRequests: o.maxRequests,
    nowMs: () => performance.now() - t0,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** A save that got an answer the client cannot read as either saved or refused. */
export const unclear = (s: Save) => s.status === 200 && s.kind === null;

/** What the clients saw: failed GETs, the balancer's 503s, failed saves, as a line for the run's output too. */
export function loadReport(load: Pick<ReturnType<typeof balancerLoad>, "answers" | "saves">) {
  const gets = load.answers.filter((a) => a.method === "GET");
  const failedGets = gets.filter((a) => a.status !== 200).map((a) => `${a.path} → ${a.status}`);
  const answered503 = load.answers.filter((a) => a.status === 503).length;
  const failedSaves = load.saves.filter((s) => s.version === null).map((s) => `${s.status} ${s.kind ?? ""}`.trim());
  const line =
    `${gets.length} GETs, ${failedGets.length} failed, ${answered503} answered 503; ` +
    `${load.saves.length} saves, failed: [${failedSaves.join(", ")}]`;
  return { failedGets, answered503, failedSaves, line };
}

/** A new student, invited by the admin (its saved browser state) and signed in through `base`: the session cookie. */
export async function studentCookie(browser: Browser, base: string, adminState: string): Promise<string> {
  const adminContext = await browser.newContext({ baseURL: base, storageState: adminState });
  const link = await inviteStudent(await adminContext.newPage(), "Restart Student", uniqueEmail("restart"));
  await adminContext.close();
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto(link);
  await choosePassword(page, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();
  return cookie;
}

/**
 * Each phase read straight from each instance must be its last acknowledged save,
 * or a later one whose failure the client was told of (it may still have committed).
 */
export async function savesNotReadBack(
  load: Pick<ReturnType<typeof balancerLoad>, "saves" | "acked">,
  phases: number[],
  cookie: string,
  instances: { name: string; url: string }[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const phase of phases) {
    const last = load.acked.get(phase);
    if (!last) {
      problems.push(`phase ${phase}: no save was acknowledged`);
      continue;
    }
    const failed = load.saves.filter((s) => s.phase === phase && s.version === null).map((s) => s.text);
    for (const { name, url } of instances) {
      const res = await fetch(new URL(`/phase/${pad(phase)}/notes`, url), { headers: { cookie }, redirect: "manual" });
      const html = await res.text();
      const [text, version] = [noteText(html), noteVersion(html)];
      const same = version === last.version && text === last.text;
      const laterFailed = version !== null && version > last.version! && failed.includes(text ?? "");
      if (res.status !== 200 || !(same || laterFailed))
        problems.push(`${name} phase ${phase}: ${res.status}, v${version} for acknowledged v${last.version}`);
    }
  }
  return problems;
}
