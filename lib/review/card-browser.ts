// The card browser (/review/cards): every live card of the course with where it
// stands for this student, searchable in front and back, filtered by phase and
// state, sorted by due date, difficulty (FSRS) or lapses; a card's review history;
// suspend and unsuspend. A suspended card is in no session and no count.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { type CardSort, type CardState, cardState, sortRows, todayIn } from "./card-state";

export type BrowserRow = {
  id: string;
  front: string;
  back: string;
  /** The language of the card's text (English where untranslated). */
  lang: Locale;
  phaseNumber: number;
  state: CardState;
  dueAt: Date | null;
  difficulty: number | null;
  stability: number | null;
  lapses: number;
  order: number;
};

export type BrowserQuery = { q?: string; phase?: number; state?: CardState; sort?: CardSort };

export async function browseCards(
  user: SessionUser,
  query: BrowserQuery,
  locale: Locale = DEFAULT_LOCALE,
  now = new Date(),
): Promise<{ rows: BrowserRow[]; total: number; phases: number[] }> {
  assertRole(user, "student", "studentsOnlyReview");
  const [course, states] = await Promise.all([
    courseView(locale),
    db().reviewState.findMany({ where: { userId: user.id } }),
  ]);
  const byCard = new Map(states.map((s) => [s.cardId, s]));
  const needle = (query.q ?? "").trim().toLocaleLowerCase();
  let order = 0;
  const today = todayIn(user.timeZone, now);
  const all: BrowserRow[] = course.phases.flatMap((p) =>
    p.cards.map((c) => {
      const s = byCard.get(c.id) ?? null;
      return {
        id: c.id,
        front: c.front,
        back: c.back,
        lang: c.lang,
        phaseNumber: p.number,
        state: cardState(s, now, today),
        dueAt: s?.lastReviewedAt ? s.dueAt : null,
        difficulty: s?.difficulty ?? null,
        stability: s?.stability ?? null,
        lapses: s?.lapses ?? 0,
        order: order++,
      };
    }),
  );
  const rows = all.filter(
    (r) =>
      (query.phase === undefined || r.phaseNumber === query.phase) &&
      (query.state === undefined || r.state === query.state) &&
      (!needle || r.front.toLocaleLowerCase().includes(needle) || r.back.toLocaleLowerCase().includes(needle)),
  );
  return { rows: sortRows(rows, query.sort ?? "due"), total: all.length, phases: course.phases.map((p) => p.number) };
}

export async function cardHistory(user: SessionUser, cardId: string, locale: Locale = DEFAULT_LOCALE) {
  assertRole(user, "student", "studentsOnlyReview");
  const course = await courseView(locale);
  const phase = course.phases.find((p) => p.cards.some((c) => c.id === cardId));
  const card = phase?.cards.find((c) => c.id === cardId);
  if (!phase || !card) return null;
  const [logs, state] = await Promise.all([
    db().reviewLog.findMany({
      where: { userId: user.id, cardId },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      take: 200,
      select: {
        id: true,
        reviewedAt: true,
        grade: true,
        rating: true,
        scheduler: true,
        redrill: true,
        undoneAt: true,
        intervalDays: true,
        stability: true,
        difficulty: true,
      },
    }),
    db().reviewState.findUnique({ where: { userId_cardId: { userId: user.id, cardId } } }),
  ]);
  return {
    card: { id: card.id, front: card.front, back: card.back, lang: card.lang, phaseNumber: phase.number },
    logs,
    state,
  };
}

/** Suspends or unsuspends a live card; doing what is already so writes nothing. */
export async function setSuspended(
  user: SessionUser,
  cardId: string,
  suspend: boolean,
  now = new Date(),
): Promise<boolean> {
  assertRole(user, "student", "studentsOnlyReview");
  return db().$transaction(async (tx) => {
    const card = await tx.card.findFirst({
      where: { id: cardId, retiredAt: null, phase: { retiredAt: null } },
      select: { id: true },
    });
    if (!card) throw new DomainError("not_found", "cardRetired");
    const where = { userId_cardId: { userId: user.id, cardId } };
    const state = await tx.reviewState.findUnique({ where });
    if (suspend) {
      if (state?.suspendedAt) return true;
      // A new card gets a placeholder state (never reviewed) that only holds the suspension.
      if (!state) await tx.reviewState.create({ data: { userId: user.id, cardId, dueAt: now, suspendedAt: now } });
      else await tx.reviewState.update({ where, data: { suspendedAt: now } });
      return true;
    }
    if (!state?.suspendedAt) return false;
    // The placeholder of a never-reviewed card goes: the card is new again.
    if (!state.lastReviewedAt) await tx.reviewState.delete({ where });
    else await tx.reviewState.update({ where, data: { suspendedAt: null } });
    return false;
  });
}
