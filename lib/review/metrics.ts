// How well a model predicts recall (npm run bench:fsrs, docs/review.md#benchmark).
// Each prediction is a probability of recall p for a review whose outcome y is
// 1 (recalled: rating Hard or better / SM-2 grade ≥ 3) or 0. Pure.
export type Prediction = { p: number; y: 0 | 1 };

const EPS = 1e-6;
const clampP = (p: number) => Math.min(1 - EPS, Math.max(EPS, p));

/** Mean binary cross-entropy. */
export function logLoss(preds: readonly Prediction[]): number {
  if (!preds.length) return NaN;
  let sum = 0;
  for (const { p, y } of preds) sum -= y ? Math.log(clampP(p)) : Math.log(1 - clampP(p));
  return sum / preds.length;
}

/**
 * RMSE over bins, as srs-benchmark reports it in spirit: predictions grouped into
 * 20 equal-width bins of p; per bin the mean prediction against the observed recall
 * rate, squared error weighted by the bin's size; the root of the weighted mean.
 */
export function rmseBins(preds: readonly Prediction[], bins = 20): number {
  if (!preds.length) return NaN;
  const n = new Array<number>(bins).fill(0);
  const sp = new Array<number>(bins).fill(0);
  const sy = new Array<number>(bins).fill(0);
  for (const { p, y } of preds) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[b]! += 1;
    sp[b]! += p;
    sy[b]! += y;
  }
  let sum = 0;
  for (let b = 0; b < bins; b++) if (n[b]) sum += n[b]! * ((sp[b]! - sy[b]!) / n[b]!) ** 2;
  return Math.sqrt(sum / preds.length);
}

/** Area under the ROC curve (Mann–Whitney, ties counted half); NaN with one class only. */
export function auc(preds: readonly Prediction[]): number {
  const sorted = [...preds].sort((a, b) => a.p - b.p);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j]!.p === sorted[i]!.p) j++;
    const avgRank = (i + 1 + j) / 2; // ranks i+1..j
    for (let k = i; k < j; k++) {
      if (sorted[k]!.y) {
        pos++;
        rankSum += avgRank;
      } else neg++;
    }
    i = j;
  }
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** SM-2's own prediction, as srs-benchmark gives it one: R = 0.9^(elapsed / scheduled interval). */
export function sm2Recall(elapsedDays: number, intervalDays: number): number {
  return Math.pow(0.9, Math.max(0, elapsedDays) / Math.max(1, intervalDays));
}
