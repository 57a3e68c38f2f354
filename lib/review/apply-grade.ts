// One grade applied inside a transaction: the server's rules for what a grade
// means (docs/review.md#review-sessions) in one place, for the online action
// (lib/review/grading.ts) and for grades sent later from an offline session
// (lib/offline/sync.ts). A grade given at `now` is judged against the card's state
// at `now`: a due card gets a scheduler update, a card whose last grade within 12
// hours was below 4 gets a re-drill (schedule unchanged), anything else is refused.
//
// When the card already has grades logged after `now` (it was reviewed on another
// device while this one was offline), the grade is put into the log at its own time
// and the card's schedule becomes the replay of its log in time order
// (lib/review/fsrs.ts replayFsrs / replaySm2, the same replay a scheduler switch
// uses) — so the latest answer's state wins, as in Anki's merge, and both are kept.
import "server-only";
import type { SessionUser } from "../auth/session-user";
import type { Tx } from "../db/client";
import { DomainError } from "../errors";
import { localDay } from "../time/zones";
import { type CardMemory, type LoggedReview, nextFsrs, replayFsrs, replaySm2 } from "./fsrs";
import type { StudentScheduling } from "./fsrs-settings";
import type { FsrsRating } from "./rating";
import { dueDate, NEW_ITEM, nextSm2, REDRILL_BELOW } from "./sm2";

/** How long a failed card stays eligible for same-session re-drills. */
export const REDRILL_WINDOW_MS = 12 * 3600_000;

type Scales = { grade: number; rating: FsrsRating };
type LogRow = LoggedReview & { id: string };
export type Applied = { log: { id: string }; next: CardMemory; redrill: boolean; merged: boolean };

const NEW_MEMORY: CardMemory = {
  ...NEW_ITEM,
  dueAt: null as unknown as Date,
  lastReviewedAt: null,
  stability: null,
  difficulty: null,
  fsrsState: 0,
  lapses: 0,
};

function memoryColumns(m: CardMemory) {
  return {
    repetitions: m.repetitions,
    easiness: m.easiness,
    intervalDays: m.intervalDays,
    dueAt: m.dueAt,
    stability: m.stability,
    difficulty: m.difficulty,
    fsrsState: m.fsrsState,
    lapses: m.lapses,
  };
}

function prevColumns(prev: CardMemory, hadState: boolean) {
  return {
    prevRepetitions: prev.repetitions,
    prevEasiness: prev.easiness,
    prevIntervalDays: prev.intervalDays,
    prevDueAt: hadState ? prev.dueAt : null,
    prevLastReviewed: prev.lastReviewedAt,
    prevStability: prev.stability,
    prevDifficulty: prev.difficulty,
    prevFsrsState: prev.fsrsState,
    prevLapses: prev.lapses,
  };
}

/** The scheduler's next memory: the student's scheduler sets the date, the other's columns are kept current. */
function nextMemory(prev: CardMemory | null, s: Scales, now: Date, settings: StudentScheduling, zone: string) {
  const fsrsNext = nextFsrs(prev, s.rating, now, settings);
  const sm2Next = nextSm2(prev ?? NEW_MEMORY, s.grade);
  return settings.scheduler === "fsrs"
    ? { ...fsrsNext, easiness: sm2Next.easiness }
    : { ...fsrsNext, ...sm2Next, dueAt: dueDate(now, sm2Next.intervalDays, zone), lastReviewedAt: now };
}

function replay(logs: readonly LoggedReview[], settings: StudentScheduling): CardMemory | null {
  const map = settings.scheduler === "fsrs" ? replayFsrs(logs, settings) : replaySm2(logs, settings);
  return [...map.values()][0] ?? null;
}

export async function applyGrade(
  tx: Tx,
  user: SessionUser,
  settings: StudentScheduling,
  cardId: string,
  scales: Scales,
  now: Date,
): Promise<Applied> {
  const card = await tx.card.findFirst({
    where: { id: cardId, retiredAt: null, phase: { retiredAt: null } },
    select: { id: true },
  });
  if (!card) throw new DomainError("not_found", "cardRetired");
  const state = await tx.reviewState.findUnique({ where: { userId_cardId: { userId: user.id, cardId } } });
  if (state?.suspendedAt) throw new DomainError("conflict", "cardSuspended");
  const logs: LogRow[] = await tx.reviewLog.findMany({
    where: { userId: user.id, cardId, undoneAt: null },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
    select: { id: true, cardId: true, reviewedAt: true, grade: true, rating: true, redrill: true, undoneAt: true },
  });
  const later = logs.filter((l) => l.reviewedAt.getTime() > now.getTime());
  const earlier = logs.filter((l) => l.reviewedAt.getTime() <= now.getTime());
  const merged = later.length > 0;
  // The state the grade meets: the stored one, or (a merge) the replay of what came before it.
  const prev: CardMemory | null = merged ? replay(earlier, settings) : state;
  const zone = settings.zone ?? user.timeZone;
  const isDue = !prev || prev.dueAt.getTime() <= now.getTime();
  const base = { userId: user.id, cardId, grade: scales.grade, rating: scales.rating, scheduler: settings.scheduler };

  if (!isDue) {
    const last = earlier.at(-1);
    const redrillOk =
      !!last && last.grade < REDRILL_BELOW && now.getTime() - last.reviewedAt.getTime() < REDRILL_WINDOW_MS;
    if (!redrillOk) throw new DomainError("conflict", "cardNotDue", undefined, { date: localDay(zone, prev.dueAt) });
    const log = await tx.reviewLog.create({
      data: { ...base, reviewedAt: now, redrill: true, ...prevColumns(prev, true), ...memoryColumns(prev) },
    });
    return { log, next: state ?? prev, redrill: true, merged };
  }

  const next = nextMemory(prev, scales, now, settings, zone);
  const log = await tx.reviewLog.create({
    data: {
      ...base,
      reviewedAt: now,
      redrill: false,
      ...prevColumns(prev ?? NEW_MEMORY, !!prev),
      ...memoryColumns(next),
    },
  });
  // Appended: the new state is this grade's. Merged: the replay of the whole log, in time order.
  const final = merged
    ? (replay([...logs, { ...base, id: log.id, reviewedAt: now, redrill: false, undoneAt: null }], settings) ?? next)
    : next;
  const data = { ...memoryColumns(final), lastReviewedAt: final.lastReviewedAt ?? now };
  await tx.reviewState.upsert({
    where: { userId_cardId: { userId: user.id, cardId } },
    create: { userId: user.id, cardId, ...data },
    update: data,
  });
  return { log, next: final, redrill: false, merged };
}
