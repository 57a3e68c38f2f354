// FSRS-6 through ts-fsrs, on the portal's day-based schedule. Pure: the server
// loads states, logs and parameters; these functions decide.
//
// Choices (docs/review.md#fsrs):
// - Short-term (learning) steps are off (`enable_short_term: false`): the portal's
//   same-session re-drills take their place, and every interval is whole days,
//   as under SM-2. Fuzz is off, so a replay is exact and reproducible.
// - A due date is the student's local midnight `interval` days after the review day (`dueDate`, as SM-2's).
// - `repetitions` keeps its SM-2 meaning under FSRS too (consecutive successful
//   reviews; Again resets it), so "cards learned" means the same on the dashboard.
import {
  type Card as FsrsCard,
  type Grade,
  createEmptyCard,
  default_w,
  forgetting_curve,
  fsrs,
  generatorParameters,
  State,
} from "ts-fsrs";
import { dueDate, nextSm2, NEW_ITEM } from "./sm2";
import { type FsrsRating, RETENTION_DEFAULT } from "./rating";

export const DAY_MS = 86_400_000;
export const DEFAULT_WEIGHTS: readonly number[] = default_w;

/** What FSRS and SM-2 keep per card (the ReviewState columns both share). */
export type CardMemory = {
  repetitions: number;
  easiness: number;
  intervalDays: number;
  dueAt: Date;
  lastReviewedAt: Date | null;
  stability: number | null;
  difficulty: number | null;
  fsrsState: number;
  lapses: number;
};

/** `zone`: the student's, whose local midnights due dates fall on (UTC when absent). */
export type FsrsSettings = { weights: readonly number[]; retention: number; zone?: string };
export const DEFAULT_SETTINGS: FsrsSettings = { weights: DEFAULT_WEIGHTS, retention: RETENTION_DEFAULT };

const schedulers = new Map<string, ReturnType<typeof fsrs>>();
/** A ts-fsrs instance for these weights and retention (cached: parameters are few). */
export function scheduler(settings: FsrsSettings): ReturnType<typeof fsrs> {
  const key = `${settings.retention}|${settings.weights.join(",")}`;
  let f = schedulers.get(key);
  if (!f) {
    f = fsrs(
      generatorParameters({
        w: [...settings.weights],
        request_retention: settings.retention,
        enable_short_term: false,
        enable_fuzz: false,
        maximum_interval: 36500,
      }),
    );
    if (schedulers.size > 64) schedulers.clear();
    schedulers.set(key, f);
  }
  return f;
}

/** The ts-fsrs card for a stored state (an empty card when there is none or it has no FSRS memory yet). */
export function toFsrsCard(memory: CardMemory | null, now: Date): FsrsCard {
  if (!memory || memory.stability === null || memory.difficulty === null || !memory.lastReviewedAt)
    return createEmptyCard(now);
  return {
    due: memory.dueAt,
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: 0,
    scheduled_days: memory.intervalDays,
    learning_steps: 0,
    reps: memory.repetitions,
    lapses: memory.lapses,
    state: memory.fsrsState === State.New ? State.Review : (memory.fsrsState as State),
    last_review: memory.lastReviewedAt,
  };
}

/** The state after an FSRS rating at `now` (SM-2 columns other than repetitions/interval kept). */
export function nextFsrs(
  memory: CardMemory | null,
  rating: FsrsRating,
  now: Date,
  settings: FsrsSettings = DEFAULT_SETTINGS,
): CardMemory {
  const { card } = scheduler(settings).next(toFsrsCard(memory, now), now, rating as Grade);
  const intervalDays = Math.max(1, Math.round(card.scheduled_days));
  return {
    repetitions: rating === 1 ? 0 : (memory?.repetitions ?? 0) + 1,
    easiness: memory?.easiness ?? NEW_ITEM.easiness,
    intervalDays,
    dueAt: dueDate(now, intervalDays, settings.zone),
    lastReviewedAt: now,
    stability: card.stability,
    difficulty: card.difficulty,
    fsrsState: card.state,
    lapses: card.lapses,
  };
}

/** The interval in days each of the four ratings would give now (shown on the buttons). */
export function previewIntervals(
  memory: CardMemory | null,
  now: Date,
  settings: FsrsSettings = DEFAULT_SETTINGS,
): Record<FsrsRating, number> {
  const out = {} as Record<FsrsRating, number>;
  for (const r of [1, 2, 3, 4] as const) out[r] = nextFsrs(memory, r, now, settings).intervalDays;
  return out;
}

/** The probability of recall now, by FSRS (1 for a card never reviewed under FSRS). */
export function retrievability(memory: CardMemory, now: Date, weights: readonly number[] = DEFAULT_WEIGHTS): number {
  if (memory.stability === null || !memory.lastReviewedAt) return 1;
  const elapsed = Math.max(0, (now.getTime() - memory.lastReviewedAt.getTime()) / DAY_MS);
  return forgetting_curve([...weights], elapsed, memory.stability);
}

/** One stored review as a replay reads it (undone rows and re-drills are left out by the caller or here). */
export type LoggedReview = {
  cardId: string;
  reviewedAt: Date;
  grade: number;
  rating: number;
  redrill: boolean;
  undoneAt: Date | null;
};

function counted(logs: readonly LoggedReview[]): LoggedReview[] {
  return logs
    .filter((l) => !l.redrill && l.undoneAt === null)
    .sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
}

function byCard(logs: readonly LoggedReview[]): Map<string, LoggedReview[]> {
  const out = new Map<string, LoggedReview[]>();
  for (const l of counted(logs)) {
    const list = out.get(l.cardId) ?? [];
    list.push(l);
    out.set(l.cardId, list);
  }
  return out;
}

/**
 * Replays a student's log, in order, through FSRS: each card's memory state is what
 * FSRS would hold had it scheduled every one of those reviews (the ratings stored
 * with them, at the times they happened). Re-drills and undone grades change no
 * schedule and are skipped, as they were when they happened.
 */
export function replayFsrs(
  logs: readonly LoggedReview[],
  settings: FsrsSettings = DEFAULT_SETTINGS,
): Map<string, CardMemory> {
  const out = new Map<string, CardMemory>();
  for (const [cardId, list] of byCard(logs)) {
    let memory: CardMemory | null = null;
    for (const l of list) memory = nextFsrs(memory, l.rating as FsrsRating, l.reviewedAt, settings);
    if (memory) out.set(cardId, memory);
  }
  return out;
}

/** The same for SM-2 (switching back): the stored grades through nextSm2, FSRS memory replayed alongside. */
export function replaySm2(
  logs: readonly LoggedReview[],
  settings: FsrsSettings = DEFAULT_SETTINGS,
): Map<string, CardMemory> {
  const fsrsMemory = replayFsrs(logs, settings);
  const out = new Map<string, CardMemory>();
  for (const [cardId, list] of byCard(logs)) {
    let sm2 = { ...NEW_ITEM };
    let last: Date | null = null;
    for (const l of list) {
      sm2 = nextSm2(sm2, l.grade);
      last = l.reviewedAt;
    }
    const f = fsrsMemory.get(cardId)!;
    out.set(cardId, { ...f, ...sm2, dueAt: dueDate(last!, sm2.intervalDays, settings.zone), lastReviewedAt: last });
  }
  return out;
}

/** Days over which cards overdue at a switch are spread (today included). */
export const SPREAD_DAYS = 7;

/**
 * The backlog rule: after a replay, cards whose new due date is before today (the student's day)
 * are not all due today. They are ordered by retrievability, lowest first (the most
 * at risk first; ties by old due date), and dealt out evenly over the next
 * `days` days starting today: at most ceil(overdue / days) per day. Cards due today
 * or later keep their date. Returns the new due date of each card it moved.
 */
export function spreadOverdue(
  cards: readonly { cardId: string; dueAt: Date; retrievability: number }[],
  now: Date,
  days = SPREAD_DAYS,
  zone = "UTC",
): Map<string, Date> {
  const today = dueDate(now, 0, zone).getTime();
  const overdue = cards
    .filter((c) => c.dueAt.getTime() < today)
    .sort(
      (a, b) =>
        a.retrievability - b.retrievability || a.dueAt.getTime() - b.dueAt.getTime() || (a.cardId < b.cardId ? -1 : 1),
    );
  const perDay = Math.max(1, Math.ceil(overdue.length / Math.max(1, days)));
  const out = new Map<string, Date>();
  overdue.forEach((c, i) => out.set(c.cardId, dueDate(now, Math.floor(i / perDay), zone)));
  return out;
}
