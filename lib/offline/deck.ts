// What /review hands the browser to keep for offline review: the cards the student
// will have due over the next OFFLINE_DAYS days (today's session — due, allowed new
// cards, re-drills — and the reviews falling due after it), each with its text
// rendered to sanitised HTML and its scheduling state. The browser stores it in
// IndexedDB (lib/offline/store.ts); the server still judges every grade when sent.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { db } from "../db/client";
import type { Locale } from "../i18n/locales";
import type { ReviewSession } from "../review/queue";
import { cardHtml } from "./card-html";
import type { DeckCard } from "./store";

export const OFFLINE_DAYS = 3;
const DAY_MS = 86_400_000;

export async function offlineDeck(
  user: SessionUser,
  session: ReviewSession,
  locale: Locale,
  now = new Date(),
): Promise<DeckCard[]> {
  assertRole(user, "student", "studentsOnlyReview");
  const course = await courseView(locale);
  const states = await db().reviewState.findMany({
    where: { userId: user.id, suspendedAt: null },
    select: { cardId: true, dueAt: true, repetitions: true },
  });
  const stateOf = new Map(states.map((s) => [s.cardId, s]));
  const horizon = now.getTime() + OFFLINE_DAYS * DAY_MS;
  const textOf = new Map(
    course.phases.flatMap((p) =>
      p.cards.map((c) => [c.id, { ...c, phaseNumber: p.number, phaseTitle: p.title }] as const),
    ),
  );
  const card = (id: string, extra: Partial<DeckCard> = {}): DeckCard | null => {
    const c = textOf.get(id);
    if (!c) return null;
    const s = stateOf.get(id);
    return {
      id,
      frontHtml: cardHtml(c.front),
      backHtml: cardHtml(c.back),
      phaseNumber: c.phaseNumber,
      phaseTitle: c.phaseTitle,
      dueAt: s ? s.dueAt.toISOString() : null,
      repetitions: s?.repetitions ?? 0,
      ...extra,
    };
  };
  const out = new Map<string, DeckCard>();
  for (const c of session.cards) {
    const d = card(c.id, {
      ...(c.intervals ? { intervals: c.intervals } : {}),
      ...(c.redrill ? { redrill: true } : {}),
    });
    if (d) out.set(c.id, d);
  }
  for (const s of states) {
    if (out.has(s.cardId) || s.dueAt.getTime() > horizon) continue;
    // Due before the horizon but not in today's session: due later (or held back by today's cap).
    const d = card(s.cardId);
    if (d) out.set(s.cardId, d);
  }
  return [...out.values()];
}
