// The gradebook: every listed student × every live phase, in a fixed number of
// queries whatever the cohort's size (students, notes, two aggregates over the
// review tables, two over exam attempts, and the course snapshot's version check).
// Journal text is never read: word counts are stored at save (lib/journal/word-count.ts).
// Each view is audited like a student page read, in the transaction that reads the roster.
import "server-only";
import { assertRecentFactor } from "../auth/second-factor/step-up";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { db, Prisma } from "../db/client";
import { timestampOf } from "../db/dialect";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { type RiskFlag, riskFlags } from "./gradebook-risk";
import { LISTED_STUDENTS } from "./students";

const DAY_MS = 86_400_000;

export const RETENTION_DAYS = 30;
/** SM-2 counts a grade of 3 or more as a successful recall. */
const RECALLED = 3;

export type PhaseCells = {
  number: number;
  /** Saves of the phase's journal entry (its version), 0 when none was written. */
  journal: { saves: number; words: number | null; updatedAt: Date | null };
  cards: {
    total: number;
    reviewed: number;
    dueNow: number;
    overdue: number;
    reviews30: number;
    retention: number | null;
  };
  exam: { best: number | null; attempts: number; failures: number; passed: boolean };
};

export type GradebookRow = {
  id: string;
  name: string;
  email: string;
  status: string;
  lastActivityAt: Date | null;
  phases: PhaseCells[];
  totals: {
    entries: number;
    words: number | null;
    dueNow: number;
    overdue: number;
    reviewed: number;
    retention: number | null;
    examsPassed: number;
    attempts: number;
  };
  risks: RiskFlag[];
};

export type Gradebook = {
  phases: { number: number; title: string; lang: Locale; cardCount: number; passMark: number }[];
  rows: GradebookRow[];
  generatedAt: Date;
};

type Agg = Record<string, number | bigint | string | Date | null>;
const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));
const dateOf = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | Date));
const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** The listed students' gradebook. `audit` names the event (a view or a CSV download). */
export async function loadGradebook(
  actor: SessionUser,
  options: { requestId: string | null; audit: "gradebook.viewed" | "gradebook.exported"; locale?: Locale },
  now = new Date(),
): Promise<Gradebook> {
  assertRole(actor, "admin");
  // A download takes every student's progress off the portal: a recent second-factor check first.
  if (options.audit === "gradebook.exported") await assertRecentFactor(actor, now);
  const students = await db().$transaction(async (tx) => {
    const rows = await tx.user.findMany({
      where: LISTED_STUDENTS,
      orderBy: { name: "asc" },
      select: { id: true, name: true, email: true, status: true, createdAt: true },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      action: options.audit,
      requestId: options.requestId,
      detail: { students: rows.length },
    });
    return rows;
  });
  const ids = students.map((s) => s.id);
  // By student id, so each aggregate walks the (userId, …) indexes student by student, not the whole table.
  // An empty list still needs valid SQL.
  const inIds = ids.length ? Prisma.join(ids) : Prisma.sql`NULL`;
  const client = db();
  const since = new Date(now.getTime() - RETENTION_DAYS * DAY_MS);
  const overdueBefore = new Date(now.getTime() - DAY_MS);
  const [{ phases }, notes, states, logs, best, failed] = await Promise.all([
    courseView(options.locale ?? DEFAULT_LOCALE),
    client.note.findMany({
      where: { userId: { in: ids } },
      select: { userId: true, phaseId: true, version: true, wordCount: true, updatedAt: true },
    }),
    // Per student and phase: cards ever reviewed, due now, due for more than a day.
    client.$queryRaw<Agg[]>`
      SELECT s."userId" AS u, c."phaseId" AS p,
        SUM(CASE WHEN s."lastReviewedAt" IS NOT NULL THEN 1 ELSE 0 END) AS reviewed,
        SUM(CASE WHEN s."dueAt" <= ${timestampOf(now)} THEN 1 ELSE 0 END) AS due,
        SUM(CASE WHEN s."dueAt" < ${timestampOf(overdueBefore)} THEN 1 ELSE 0 END) AS overdue,
        MAX(s."lastReviewedAt") AS last
      FROM "ReviewState" s
      JOIN "Card" c ON c."id" = s."cardId" AND c."retiredAt" IS NULL
      WHERE s."userId" IN (${inIds})
      GROUP BY s."userId", c."phaseId"`,
    // Retention: recalled share of the last 30 days' grades (undone grades and same-session re-drills left out).
    client.$queryRaw<Agg[]>`
      SELECT l."userId" AS u, c."phaseId" AS p, COUNT(*) AS n,
        SUM(CASE WHEN l."grade" >= ${RECALLED} THEN 1 ELSE 0 END) AS ok
      FROM "ReviewLog" l
      JOIN "Card" c ON c."id" = l."cardId"
      WHERE l."userId" IN (${inIds}) AND l."reviewedAt" >= ${timestampOf(since)} AND l."undoneAt" IS NULL AND l."redrill" = false
      GROUP BY l."userId", c."phaseId"`,
    client.examAttempt.groupBy({
      by: ["userId", "phaseId"],
      where: { userId: { in: ids } },
      _max: { score: true, submittedAt: true },
      _count: { _all: true },
    }),
    client.examAttempt.groupBy({
      by: ["userId", "phaseId"],
      where: { userId: { in: ids }, passed: false },
      _count: { _all: true },
    }),
  ]);

  const key = (u: string, p: string) => `${u}|${p}`;
  const noteBy = new Map(notes.map((n) => [key(n.userId, n.phaseId), n]));
  const stateBy = new Map(states.map((s) => [key(String(s.u), String(s.p)), s]));
  const logBy = new Map(logs.map((l) => [key(String(l.u), String(l.p)), l]));
  const bestBy = new Map(best.map((b) => [key(b.userId, b.phaseId), b]));
  const failedBy = new Map(failed.map((f) => [key(f.userId, f.phaseId), f._count._all]));

  const rows = students.map((s): GradebookRow => {
    let last: Date | null = null;
    let reviews = 0;
    let recalled = 0;
    const cells = phases.map((p): PhaseCells => {
      const k = key(s.id, p.id);
      const note = noteBy.get(k);
      const state = stateBy.get(k);
      const log = logBy.get(k);
      const exam = bestBy.get(k);
      const n = num(log?.n);
      reviews += n;
      recalled += num(log?.ok);
      last = later(last, later(note?.updatedAt ?? null, later(dateOf(state?.last), exam?._max.submittedAt ?? null)));
      const bestScore = exam?._max.score ?? null;
      return {
        number: p.number,
        journal: { saves: note?.version ?? 0, words: note ? note.wordCount : 0, updatedAt: note?.updatedAt ?? null },
        cards: {
          total: p.cards.length,
          reviewed: num(state?.reviewed),
          dueNow: num(state?.due),
          overdue: num(state?.overdue),
          reviews30: n,
          retention: n ? num(log?.ok) / n : null,
        },
        exam: {
          best: bestScore,
          attempts: exam?._count._all ?? 0,
          failures: failedBy.get(k) ?? 0,
          // As the student's dashboard says it: the best score reaches the pass mark.
          passed: bestScore !== null && bestScore >= p.passMark - 1e-9,
        },
      };
    });
    const sum = (f: (c: PhaseCells) => number) => cells.reduce((a, c) => a + f(c), 0);
    const unknownWords = cells.some((c) => c.journal.words === null);
    const totals = {
      entries: cells.filter((c) => c.journal.saves > 0).length,
      words: unknownWords ? null : sum((c) => c.journal.words ?? 0),
      dueNow: sum((c) => c.cards.dueNow),
      overdue: sum((c) => c.cards.overdue),
      reviewed: sum((c) => c.cards.reviewed),
      retention: reviews ? recalled / reviews : null,
      examsPassed: cells.filter((c) => c.exam.passed).length,
      attempts: sum((c) => c.exam.attempts),
    };
    const risks = riskFlags(
      {
        status: s.status,
        lastActivityAt: last,
        since: s.createdAt,
        overdue: totals.overdue,
        exams: cells.map((c) => ({ phaseNumber: c.number, failures: c.exam.failures, passed: c.exam.passed })),
      },
      now,
    );
    return {
      id: s.id,
      name: s.name,
      email: s.email,
      status: s.status,
      lastActivityAt: last,
      phases: cells,
      totals,
      risks,
    };
  });
  return {
    phases: phases.map((p) => ({
      number: p.number,
      title: p.title,
      lang: p.lang,
      cardCount: p.cards.length,
      passMark: p.passMark,
    })),
    rows,
    generatedAt: now,
  };
}
