// Everything one student owns, read for that student only: journal notes
// (decrypted), review history and card states, exam attempts with their answers
// (decrypted). Yields archive entries one at a time so the archive can stream.
import "server-only";
import { db } from "../db/client";
import { assertRole, type SessionUser } from "../auth/session-user";
import { VaultDecryptError, unseal } from "../vault";
import { formatPhaseNumber } from "../content/phase-number";
import { localizePhase, parsePhaseTranslations } from "../content/localize";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { parseChoices } from "../exams/grading";
import { studentExamState } from "../exams/starts";
import { type ExportQuestion, answeredQuestionIds, answersInWords } from "./exam-answers";
import { exportReadme, unreadableNoteText } from "./readme";

export type ExportEntry = { name: string; content: string };
export type ExportCounts = { notes: number; unreadableNotes: number; reviews: number; attempts: number };

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

async function tryUnseal(
  ownerId: string,
  table: "Note" | "ExamAttempt",
  row: { id: string; ciphertext: Uint8Array; iv: Uint8Array; keyId: string; format: number },
) {
  try {
    return await unseal(
      { ownerId, table, rowId: row.id },
      { ciphertext: Buffer.from(row.ciphertext), iv: Buffer.from(row.iv), keyId: row.keyId, format: row.format },
    );
  } catch (error) {
    if (error instanceof VaultDecryptError) return null;
    throw error;
  }
}

/** The journal is private even from admins: no admin path reads it. */
export const EXPORT_REFUSED = "studentsOnlyExport";

export async function* exportEntries(
  user: SessionUser,
  counts: ExportCounts,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): AsyncGenerator<ExportEntry> {
  assertRole(user, "student", EXPORT_REFUSED);
  const userId = user.id;

  yield { name: "README.txt", content: exportReadme(user, now, locale) };

  const notes = await db().note.findMany({
    where: { userId },
    include: { phase: { select: { number: true, slug: true, title: true, summary: true, translations: true } } },
    orderBy: { phase: { number: "asc" } },
  });
  for (const note of notes) {
    const base = `notes/${formatPhaseNumber(note.phase.number)}-${note.phase.slug}`;
    const text = await tryUnseal(userId, "Note", note);
    if (text === null) {
      counts.unreadableNotes++;
      const { title } = localizePhase(note.phase, parsePhaseTranslations(note.phase.translations), locale);
      yield {
        name: `${base}.UNREADABLE.txt`,
        content: unreadableNoteText(formatPhaseNumber(note.phase.number), title, locale),
      };
    } else {
      counts.notes++;
      yield { name: `${base}.md`, content: text };
    }
  }

  const reviews = await db().reviewLog.findMany({
    where: { userId },
    include: { card: { select: { key: true, front: true, phase: { select: { number: true } } } } },
    orderBy: { reviewedAt: "asc" },
  });
  counts.reviews = reviews.length;
  yield {
    name: "reviews.json",
    content: json(
      reviews.map((r) => ({
        phase: r.card.phase.number,
        card: r.card.key,
        front: r.card.front,
        grade: r.grade,
        rating: r.rating,
        scheduler: r.scheduler,
        redrill: r.redrill,
        reviewedAt: r.reviewedAt.toISOString(),
        undone: r.undoneAt !== null,
        intervalDays: r.intervalDays,
        easiness: r.easiness,
        repetitions: r.repetitions,
        stability: r.stability,
        difficulty: r.difficulty,
        dueAt: r.dueAt.toISOString(),
      })),
    ),
  };

  const states = await db().reviewState.findMany({
    where: { userId },
    include: { card: { select: { key: true, front: true } } },
    orderBy: { dueAt: "asc" },
  });
  yield {
    name: "review-states.json",
    content: json(
      states.map((s) => ({
        card: s.card.key,
        front: s.card.front,
        repetitions: s.repetitions,
        easiness: s.easiness,
        intervalDays: s.intervalDays,
        dueAt: s.dueAt.toISOString(),
        lastReviewedAt: s.lastReviewedAt?.toISOString() ?? null,
        stability: s.stability,
        difficulty: s.difficulty,
        lapses: s.lapses,
        suspended: s.suspendedAt !== null,
      })),
    ),
  };

  const attempts = await db().examAttempt.findMany({
    where: { userId },
    include: { phase: { select: { number: true, title: true } } },
    orderBy: { submittedAt: "asc" },
  });
  counts.attempts = attempts.length;
  const decrypted: unknown[] = [];
  for (const a of attempts) {
    let answers: unknown = null;
    if (a.ciphertext && a.iv && a.keyId) {
      const text = await tryUnseal(userId, "ExamAttempt", {
        id: a.id,
        ciphertext: a.ciphertext,
        iv: a.iv,
        keyId: a.keyId,
        format: a.format,
      });
      answers = text === null ? "(could not be decrypted)" : parseMaybeJson(text);
    }
    decrypted.push(answers);
  }
  // Every question the attempts answered, retired ones included, to name them in words.
  const ids = [...new Set(decrypted.flatMap((p) => answeredQuestionIds(p) ?? []))];
  const questionRows = ids.length ? await db().examQuestion.findMany({ where: { id: { in: ids } } }) : [];
  const questions = new Map<string, ExportQuestion>(
    questionRows.map((q) => [q.id, { id: q.id, prompt: q.prompt, choices: parseChoices(q.choicesJson) }]),
  );
  // The correct answers only where the exam's showAnswers setting shows them now (as the result page does).
  const shown = new Map<string, boolean>();
  for (const phaseId of new Set(attempts.map((a) => a.phaseId))) {
    shown.set(phaseId, (await studentExamState(userId, phaseId, now)).answersVisible);
  }
  const rows = attempts.map((a, index) => ({
    phase: a.phase.number,
    phaseTitle: a.phase.title,
    score: a.score,
    correct: a.correctCount,
    total: a.total,
    passed: a.passed,
    startedAt: a.startedAt.toISOString(),
    submittedAt: a.submittedAt.toISOString(),
    durationSeconds: Math.round((a.submittedAt.getTime() - a.startedAt.getTime()) / 1000),
    answers: answersInWords(decrypted[index], questions, shown.get(a.phaseId) ?? false),
  }));
  yield { name: "exams.json", content: json(rows) };
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
