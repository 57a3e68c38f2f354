// Evaluation of recall predictions on a review log (npm run bench:fsrs): SM-2,
// FSRS with its default weights and FSRS with weights fitted by time-series
// split — fit on the past, predict the next reviews — scored by log-loss, RMSE
// over bins and AUC (lib/review/metrics.ts). No database: the caller gives the
// reviews.
//
// Every review of a card after its first is a prediction target; the outcome is
// "recalled" when the rating is Hard or better (SM-2 grade ≥ 3). The reviews are
// sorted by time and cut into FOLDS equal chronological parts; parts 2..FOLDS are
// predicted (part 1 only trains), every model on the same targets. For the fitted
// model, part k is predicted with weights fitted (@open-spaced-repetition/binding)
// on the histories of everything before part k, and each card's memory state runs
// through its whole history up to the target.
import {
  computeParameters,
  FSRSBinding,
  FSRSBindingItem,
  FSRSBindingReview,
  type BindingMemoryState,
} from "@open-spaced-repetition/binding";
import { forgetting_curve } from "ts-fsrs";
import { DAY_MS, DEFAULT_WEIGHTS } from "./fsrs";
import { auc, logLoss, type Prediction, rmseBins, sm2Recall } from "./metrics";

export const FOLDS = 5;

/** One counted review: who, which card, when, the rating and the interval the scheduler had set before it. */
export type EvalReview = { key: string; at: Date; rating: number; prevIntervalDays: number };
export type Scores = { logLoss: number; rmseBins: number; auc: number; n: number };
export type Evaluation = {
  reviews: number;
  targets: number;
  sm2: Scores;
  fsrsDefault: Scores;
  fsrsFitted: Scores;
  fits: number;
};

const day = (d: Date) => Math.floor(d.getTime() / DAY_MS);

function score(preds: Prediction[]): Scores {
  return { logLoss: logLoss(preds), rmseBins: rmseBins(preds), auc: auc(preds), n: preds.length };
}

type Seq = { key: string; reviews: EvalReview[] };

function sequences(reviews: readonly EvalReview[]): Seq[] {
  const m = new Map<string, EvalReview[]>();
  for (const r of reviews) m.set(r.key, [...(m.get(r.key) ?? []), r]);
  return [...m].map(([key, rs]) => ({ key, reviews: rs.sort((a, b) => a.at.getTime() - b.at.getTime()) }));
}

/** FSRS's probability of recall for each review of a sequence after its first (index → p). */
function fsrsPredictions(seq: Seq, weights: readonly number[], model: FSRSBinding): number[] {
  const out: number[] = [];
  let memory: BindingMemoryState | null = null;
  for (let i = 0; i < seq.reviews.length; i++) {
    const r = seq.reviews[i]!;
    const delta = i === 0 ? 0 : Math.max(0, day(r.at) - day(seq.reviews[i - 1]!.at));
    if (i > 0 && memory) out.push(forgetting_curve([...weights], delta, memory.stability));
    const next = model.nextStates(memory, 0.9, delta);
    const state = [next.again, next.hard, next.good, next.easy][Math.min(4, Math.max(1, r.rating)) - 1]!;
    memory = state.memory;
  }
  return out;
}

function trainingItems(seqs: readonly Seq[], before: number): FSRSBindingItem[] {
  const items: FSRSBindingItem[] = [];
  for (const s of seqs) {
    const past = s.reviews.filter((r) => r.at.getTime() < before);
    const rs = past.map(
      (r, i) => new FSRSBindingReview(r.rating, i === 0 ? 0 : Math.max(0, day(r.at) - day(past[i - 1]!.at))),
    );
    for (let k = 2; k <= rs.length; k++) items.push(new FSRSBindingItem(rs.slice(0, k)));
  }
  return items;
}

export async function evaluate(
  reviews: readonly EvalReview[],
  onFold: (fold: number, folds: number) => void = () => {},
): Promise<Evaluation> {
  const seqs = sequences(reviews);
  // Targets: every review after a card's first, in time order.
  const targets = seqs
    .flatMap((s) => s.reviews.slice(1).map((r, i) => ({ seq: s, index: i + 1, at: r.at.getTime() })))
    .sort((a, b) => a.at - b.at);
  const foldOf = (i: number) => Math.floor((i * FOLDS) / Math.max(1, targets.length));
  const tested = targets.map((t, i) => ({ ...t, fold: foldOf(i) })).filter((t) => t.fold > 0);

  const defaults = new FSRSBinding([...DEFAULT_WEIGHTS]);
  const defaultP = new Map(seqs.map((s) => [s.key, fsrsPredictions(s, DEFAULT_WEIGHTS, defaults)]));
  const outcome = (t: (typeof tested)[number]) => (t.seq.reviews[t.index]!.rating >= 2 ? 1 : 0) as 0 | 1;

  const sm2: Prediction[] = [];
  const fsrsDefault: Prediction[] = [];
  const fitted: Prediction[] = [];
  for (const t of tested) {
    const r = t.seq.reviews[t.index]!;
    const prev = t.seq.reviews[t.index - 1]!;
    const y = outcome(t);
    sm2.push({ p: sm2Recall(day(r.at) - day(prev.at), r.prevIntervalDays), y });
    fsrsDefault.push({ p: defaultP.get(t.seq.key)![t.index - 1]!, y });
  }
  let fits = 0;
  for (let fold = 1; fold < FOLDS; fold++) {
    onFold(fold, FOLDS - 1);
    const inFold = tested.filter((t) => t.fold === fold);
    if (!inFold.length) continue;
    const start = Math.min(...inFold.map((t) => t.at));
    const items = trainingItems(seqs, start);
    const weights = items.length ? await computeParameters(items, { enableShortTerm: false }) : [...DEFAULT_WEIGHTS];
    fits++;
    const model = new FSRSBinding(weights);
    const cache = new Map<string, number[]>();
    for (const t of inFold) {
      let ps = cache.get(t.seq.key);
      if (!ps) cache.set(t.seq.key, (ps = fsrsPredictions(t.seq, weights, model)));
      fitted.push({ p: ps[t.index - 1]!, y: outcome(t) });
    }
  }
  return {
    reviews: reviews.length,
    targets: tested.length,
    sm2: score(sm2),
    fsrsDefault: score(fsrsDefault),
    fsrsFitted: score(fitted),
    fits,
  };
}
