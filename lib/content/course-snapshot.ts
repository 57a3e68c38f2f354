// The course as pages read it (live phases, their live cards and exam questions),
// loaded once per content version instead of on every request. The version is
// the ContentVersion row's token, which database triggers replace on every write
// to Phase, Card or ExamQuestion, whoever makes it (importCourse, an admin page,
// the CLI, a test or an operator by hand). Each request reads it by primary key,
// so a change made by another process (another worker or instance) is seen by the
// next request, never served stale.
// Translations are parsed once per snapshot, and each language's view of the
// course (courseView) is built once per snapshot too.
import { cache } from "react";
import { db } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import {
  type CardText,
  type Lang,
  localizeCard,
  localizePhase,
  parseCardTranslations,
  parsePhaseTranslations,
  type PhaseText,
  type Translations,
} from "./localize";

/** A live exam question as stored (choices and translations still JSON: lib/exams parses them once per snapshot). */
export type SnapshotQuestion = {
  id: string; kind: string; prompt: string; explanation: string; choicesJson: string; translations: string;
};
/** `lang`: the language the text is in (English where the view's language has no translation). */
export type SnapshotCard = Lang & {
  id: string; position: number; front: string; back: string; translations: Translations<CardText>;
};
export type SnapshotPhase = Lang & {
  id: string; number: number; slug: string; title: string; summary: string; body: string; passMark: number;
  opensAt: Date | null; dueAt: Date | null;
  cards: SnapshotCard[]; questions: SnapshotQuestion[]; questionCount: number; translations: Translations<PhaseText>;
};
/** The course in one language: English text replaced by translations where they exist. */
export type CourseView = { phases: SnapshotPhase[]; byNumber: Map<number, SnapshotPhase>; byId: Map<string, SnapshotPhase> };
export type CourseSnapshot = CourseView & { version: string; views: Map<Locale, CourseView> };

let current: Promise<CourseSnapshot> | null = null;
let currentVersion: string | null = null;
let currentDb: unknown = null; // tests switch databases within one process

/** The course's version token; "none" before the first write to the course's tables. */
async function contentVersion(): Promise<string> {
  const row = await db().contentVersion.findUnique({ where: { id: 1 }, select: { token: true } });
  return row?.token ?? "none";
}

async function load(version: string): Promise<CourseSnapshot> {
  const rows = await db().phase.findMany({
    where: { retiredAt: null },
    orderBy: { number: "asc" },
    select: {
      id: true, number: true, slug: true, title: true, summary: true, body: true, passMark: true,
      opensAt: true, dueAt: true, translations: true,
      cards: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { id: true, position: true, front: true, back: true, translations: true },
      },
      questions: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: { id: true, kind: true, prompt: true, explanation: true, choicesJson: true, translations: true },
      },
    },
  });
  const phases = rows.map(({ translations, cards, questions, ...p }) => ({
    ...p,
    lang: DEFAULT_LOCALE,
    translations: parsePhaseTranslations(translations),
    cards: cards.map((c) => ({ ...c, lang: DEFAULT_LOCALE, translations: parseCardTranslations(c.translations) })),
    questions,
    questionCount: questions.length,
  }));
  const english = indexed(phases);
  return { version, ...english, views: new Map([[DEFAULT_LOCALE, english]]) };
}

function indexed(phases: SnapshotPhase[]): CourseView {
  return { phases, byNumber: new Map(phases.map((p) => [p.number, p])), byId: new Map(phases.map((p) => [p.id, p])) };
}

/** The snapshot in one language, built on first use and kept with the snapshot. */
export function localizedView(snapshot: CourseSnapshot, locale: Locale): CourseView {
  let view = snapshot.views.get(locale);
  if (!view) {
    view = indexed(
      snapshot.phases.map((p) => ({
        ...localizePhase(p, p.translations, locale),
        cards: p.cards.map((c) => localizeCard(c, c.translations, locale)),
      })),
    );
    snapshot.views.set(locale, view);
  }
  return view;
}

/** The live course; one version check per request (React cache), one load per version. */
export const courseSnapshot = cache(async (): Promise<CourseSnapshot> => {
  const version = await contentVersion();
  if (!current || currentVersion !== version || currentDb !== db()) {
    currentVersion = version;
    currentDb = db();
    current = load(version);
    current.catch(() => {
      if (currentVersion === version) current = currentVersion = null; // retry on the next request
    });
  }
  return current;
});

/** The live course in `locale`, English per item where there is no translation. */
export async function courseView(locale: Locale): Promise<CourseView> {
  return localizedView(await courseSnapshot(), locale);
}
