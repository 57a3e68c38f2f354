// Fitting FSRS parameters to this cohort (npm run fsrs:optimize, /admin/ops) with
// @open-spaced-repetition/binding — fsrs-rs, the Rust optimizer, as a native
// napi-rs module (a WASI build is its fallback), pinned at 0.5.0.
//
// One fit for the whole cohort's log, then one per student with at least
// STUDENT_MIN_ITEMS training items of their own; a student below that is
// scheduled with the cohort's weights (lib/review/fsrs-settings.ts). The library
// applies its own thresholds: under 8 usable items it returns the defaults, under
// 64 it fits only the first four weights; the row records which ("fit"), with the
// date and the number of reviews and items used. Short-term steps are off, as in
// the scheduler (lib/review/fsrs.ts).
import "server-only";
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";
import { db } from "../db/client";
import { DEFAULT_WEIGHTS } from "./fsrs";
import { COHORT_SCOPE } from "./fsrs-settings";
import { cardHistories, type CardHistory, fitKind, itemPrefixes } from "./fsrs-items";

export const STUDENT_MIN_ITEMS = 64;

export type OptimizeProgress = { step: string; done: number; total: number };
export type FitResult = { scope: string; fit: "default" | "partial" | "full"; reviewCount: number; itemCount: number };
export type OptimizeSummary = { fits: FitResult[]; reviews: number; students: number };

/** Fits weights to some card histories. `onFraction` gets 0..1 as the library reports it. */
export async function fitWeights(
  histories: readonly CardHistory[],
  onFraction: (f: number) => void = () => {},
): Promise<{ weights: number[]; fit: FitResult["fit"]; itemCount: number }> {
  const items = itemPrefixes(histories).map(
    (r) => new FSRSBindingItem(r.map((x) => new FSRSBindingReview(x.rating, x.deltaT))),
  );
  if (items.length === 0) return { weights: [...DEFAULT_WEIGHTS], fit: "default", itemCount: 0 };
  const weights = await computeParameters(items, {
    enableShortTerm: false,
    timeout: 100,
    progress: (current, total) => {
      if (total > 0) onFraction(Math.min(1, current / total));
    },
  });
  return { weights, fit: fitKind(weights, DEFAULT_WEIGHTS), itemCount: items.length };
}

export async function optimizeCohort(
  onProgress: (p: OptimizeProgress) => void = () => {},
  now = new Date(),
): Promise<OptimizeSummary> {
  const logs = await db().reviewLog.findMany({
    where: { undoneAt: null, redrill: false },
    select: { userId: true, cardId: true, reviewedAt: true, grade: true, rating: true, redrill: true, undoneAt: true },
  });
  const histories = cardHistories(logs);
  const byStudent = new Map<string, CardHistory[]>();
  for (const h of histories) byStudent.set(h.userId, [...(byStudent.get(h.userId) ?? []), h]);
  const eligible = [...byStudent].filter(([, hs]) => itemPrefixes(hs).length >= STUDENT_MIN_ITEMS);
  const steps = 1 + eligible.length;
  const SCALE = 100;
  const total = steps * SCALE;
  const report = (i: number, step: string, f: number) => onProgress({ step, done: Math.round((i + f) * SCALE), total });

  const fits: FitResult[] = [];
  const store = async (scope: string, reviewCount: number, r: Awaited<ReturnType<typeof fitWeights>>) => {
    const data = { weights: JSON.stringify(r.weights), fit: r.fit, reviewCount, itemCount: r.itemCount, fittedAt: now };
    await db().fsrsParameters.upsert({ where: { scope }, create: { scope, ...data }, update: data });
    fits.push({ scope, fit: r.fit, reviewCount, itemCount: r.itemCount });
  };

  report(0, "cohort", 0);
  await store(COHORT_SCOPE, logs.length, await fitWeights(histories, (f) => report(0, "cohort", f)));
  for (const [i, [userId, hs]] of eligible.entries()) {
    report(i + 1, "student", 0);
    const reviews = hs.reduce((n, h) => n + h.reviews.length, 0);
    await store(userId, reviews, await fitWeights(hs, (f) => report(i + 1, "student", f)));
  }
  onProgress({ step: "done", done: total, total });
  return { fits, reviews: logs.length, students: byStudent.size };
}
