// One simulated student: redeem the invite, sign in, then until the deadline a
// realistic loop of dashboard, journal save, review and (less often) exam and
// sign-in again, with think time between steps. Every acknowledged save is
// remembered so it can be read back at the end.
import { type ActionAnswer, Browser, sourceAddressFor } from "./client";
import { flightExamAnswers, flightFirstDueCard, flightNoteVersion } from "./flight";
import { examAnswers, firstDueCard, noteText, noteVersion } from "./html";
import { type ActionIds, redirectedPage } from "./next-actions";
import type { Recorder } from "./recorder";
import type { Student } from "./invites";

export const PHASES = [1, 2, 3];
const pad = (n: number) => String(n).padStart(2, "0");

export type Ack = { version: number; text: string };
export type StudentRun = {
  student: Student;
  acks: Map<number, Ack>;
  redeemed: boolean;
  logins: number;
  saves: number;
  grades: number;
  exams: number;
};

type Ctx = {
  base: URL;
  ids: ActionIds;
  recorder: Recorder;
  deadline: number;
  thinkMs: number;
  maxRequests: number;
  oneAddress: boolean;
  /** Every page as a document (the flow before 2026-12-08), instead of following links as a browser does. */
  documents: boolean;
};

const browserFor = (ctx: Ctx, s: Student) =>
  new Browser(ctx.base, ctx.recorder, sourceAddressFor(ctx.base, s.index, ctx.oneAddress));

/**
 * The loop moves between pages as a student's browser does: by following links
 * (Next's client-side navigation, answered with the page's Flight payload), or
 * with --documents by loading each page as a document. A fact is read from
 * whichever the answer is.
 */
const go = (b: Browser, ctx: Ctx, route: string, path: string, check?: (body: string) => string | null) =>
  ctx.documents ? b.page(route, path, check) : b.navigate(route, path, check);
const isDocument = (body: string) => body.trimStart().startsWith("<");
const read =
  <T>(fromHtml: (html: string) => T | null, fromFlight: (flight: string) => T | null) =>
  (body: string): T | null =>
    isDocument(body) ? fromHtml(body) : fromFlight(body);
const versionOf = read(noteVersion, flightNoteVersion);
const dueCardOf = read(firstDueCard, flightFirstDueCard);
const examFieldsOf = read(examAnswers, flightExamAnswers);

const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = (ctx: Ctx) => sleep(ctx.thinkMs * (0.5 + Math.random()));

/**
 * Where a redirecting action leaves the student: on the target page its answer
 * carries, as in a browser (checked in Chromium), or, when the answer carries
 * none, on the page asked for again. Says so when the target failed to render.
 */
function arrived(r: ActionAnswer, target: string): string | null {
  const page = redirectedPage(r.body);
  return page === "failed" ? `${target} failed to render in the action's answer` : null;
}

/** With --documents the target is loaded again as a document, as a browser without script does after the 303. */
async function landOn(b: Browser, ctx: Ctx, route: string, a: ActionAnswer): Promise<void> {
  if (!a.redirect) return;
  if (ctx.documents || redirectedPage(a.body) === "absent") await b.page(route, a.redirect);
  else b.arrive(route, a.redirect);
}

/** Signs in afresh and lands on /me; false when the sign-in failed. */
async function signIn(b: Browser, ctx: Ctx, s: Student): Promise<boolean> {
  b.clearCookies();
  if (!(await b.page("GET /login", "/login"))) return false;
  const a = await b.action(
    "POST /login",
    "/login",
    ctx.ids.login,
    [
      ["email", s.email],
      ["password", s.password],
    ],
    (r) =>
      r.redirect === "/me" ? arrived(r, "/me") : `sign-in did not reach /me: ${r.result?.message ?? "no redirect"}`,
  );
  if (a) await landOn(b, ctx, "GET /me", a);
  return Boolean(a);
}

async function saveNote(b: Browser, ctx: Ctx, run: StudentRun, phase: number, iteration: number): Promise<void> {
  const page = await go(b, ctx, "GET /phase/[nn]/notes", `/phase/${pad(phase)}/notes`, (body) =>
    versionOf(body) === null ? "no journal editor on the page" : null,
  );
  if (!page) return;
  const version = versionOf(page)!;
  const text = `# Phase ${phase}, entry ${iteration}\n\n${run.student.name} — saved at ${new Date().toISOString()} ✓\n\n- ${"notes ".repeat(20 + (iteration % 40))}`;
  const a = await b.action(
    "POST /phase/[nn]/notes",
    `/phase/${pad(phase)}/notes`,
    ctx.ids.saveNote,
    [
      ["phase", String(phase)],
      ["baseVersion", String(version)],
      ["text", text],
    ],
    (r) =>
      // Typed action results (lib/actions/form-state.ts) carry the SaveResult's `kind`; older builds said `outcome`.
      (r.result?.data?.kind ?? r.result?.data?.outcome) === "saved"
        ? null
        : `save not acknowledged: ${r.result?.data?.kind ?? r.result?.data?.outcome ?? r.result?.message ?? "no result"}`,
  );
  const saved = Number(a?.result?.data?.version);
  if (a && Number.isInteger(saved)) {
    run.acks.set(phase, { version: saved, text });
    run.saves++;
  }
}

async function review(b: Browser, ctx: Ctx, run: StudentRun): Promise<void> {
  const page = await go(b, ctx, "GET /review", "/review");
  const cardId = page ? dueCardOf(page) : null;
  if (!cardId) return;
  // 3 or 4: an answer on both scales (SM-2 0-5, FSRS 1-4), whichever the student has.
  const grade = String(3 + Math.floor(Math.random() * 2));
  const a = await b.action(
    "POST /review",
    "/review",
    ctx.ids.gradeCard,
    [
      ["cardId", cardId],
      ["grade", grade],
    ],
    (r) => (r.result?.status === "success" ? null : `grade refused: ${r.result?.message ?? "no result"}`),
  );
  if (a) run.grades++;
}

async function exam(b: Browser, ctx: Ctx, run: StudentRun, phase: number): Promise<void> {
  const page = await go(b, ctx, "GET /phase/[nn]/exam", `/phase/${pad(phase)}/exam`, (body) =>
    examFieldsOf(body) ? null : "no exam form on the page",
  );
  const fields = page ? examFieldsOf(page) : null;
  if (!fields) return;
  const a = await b.action("POST /phase/[nn]/exam", `/phase/${pad(phase)}/exam`, ctx.ids.submitExam, fields, (r) =>
    r.redirect && /^\/phase\/\d+\/exam\/[^/]+$/.test(r.redirect)
      ? arrived(r, r.redirect)
      : `exam not submitted: ${r.result?.message ?? "no redirect"}`,
  );
  if (!a?.redirect) return;
  run.exams++;
  await landOn(b, ctx, "GET /phase/[nn]/exam/[attemptId]", a);
}

export async function runStudent(student: Student, ctx: Ctx, startDelayMs: number): Promise<StudentRun> {
  const run: StudentRun = { student, acks: new Map(), redeemed: false, logins: 0, saves: 0, grades: 0, exams: 0 };
  const b = browserFor(ctx, student);
  await sleep(startDelayMs);
  const budgetLeft = () => Date.now() < ctx.deadline && b.requests < ctx.maxRequests;

  if (!(await b.page("GET /invite/[token]", student.invitePath))) return run;
  await think(ctx);
  const password = student.password;
  const redeemed = await b.action(
    "POST /invite/[token]",
    student.invitePath,
    ctx.ids.redeemInvite,
    [
      ["token", student.invitePath.split("/").pop()!],
      ["password", password],
      ["confirm", password],
    ],
    (r) =>
      r.redirect === "/me"
        ? arrived(r, "/me")
        : `redemption failed: ${r.result?.fieldErrors?.password ?? r.result?.message ?? "no redirect"}`,
  );
  if (!redeemed) return run;
  run.redeemed = true;
  await think(ctx);
  if (!(await signIn(b, ctx, student))) return run;
  run.logins++;

  // A sign-in lands on the dashboard, so the round after one starts from there
  // (with --documents it was loaded again, and the round loads it once more).
  let onDashboard = !ctx.documents;
  for (let i = 0; budgetLeft(); i++) {
    const phase = PHASES[i % PHASES.length]!;
    if (!onDashboard) {
      await go(b, ctx, "GET /me", "/me");
      await think(ctx);
      if (!budgetLeft()) break;
    }
    onDashboard = false;
    await saveNote(b, ctx, run, phase, i);
    await think(ctx);
    if (!budgetLeft()) break;
    await review(b, ctx, run);
    await think(ctx);
    if (i % 3 === 2 && budgetLeft()) {
      await exam(b, ctx, run, phase);
      await think(ctx);
    }
    if (i % 4 === 3 && budgetLeft()) {
      if (await signIn(b, ctx, student)) run.logins++;
      else break;
      onDashboard = !ctx.documents;
      await think(ctx);
    }
  }
  return run;
}

export type ReadBack = { lost: string[]; unverified: string[] };

/**
 * Reads every phase with an acknowledged save back through the journal page. A
 * save that reads back different is lost; one that cannot be read (sign-in
 * refused, page failed, after retries) is unverified: neither counts as fine.
 */
export async function readBack(run: StudentRun, ctx: Ctx): Promise<ReadBack> {
  const result: ReadBack = { lost: [], unverified: [] };
  if (!run.acks.size) return result;
  const b = browserFor(ctx, run.student);
  let signedIn = false;
  for (const pauseMs of [0, 2_000, 5_000]) {
    await sleep(pauseMs);
    if ((signedIn = await signIn(b, ctx, run.student))) break;
  }
  for (const [phase, ack] of run.acks) {
    const where = `${run.student.email} phase ${phase}`;
    if (!signedIn) {
      result.unverified.push(`${where}: could not sign in to read back`);
      continue;
    }
    const html = await b.page("GET /phase/[nn]/notes (read-back)", `/phase/${pad(phase)}/notes`);
    const text = html ? noteText(html) : null;
    const version = html ? noteVersion(html) : null;
    if (!html) {
      result.unverified.push(`${where}: the journal page did not load`);
      continue;
    }
    // multipart/form-data sends line breaks as CRLF (as browsers do) and the journal may store
    // either form: the same text means the same characters up to the line-break style.
    if (text === null || !sameText(text, ack.text) || version !== ack.version) {
      result.lost.push(
        `${where}: acknowledged version ${ack.version}, read back ${version ?? "nothing"}${text !== null && sameText(text, ack.text) ? "" : " with different text"}`,
      );
    }
  }
  return result;
}
