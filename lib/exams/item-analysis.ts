// Item-analysis arithmetic, pure (lib/exams/question-stats.ts explains the choices).
/** Below this many answers a question's figures are shown but not judged. */
export const MIN_ANSWERS = 5;

export type QuestionFlag = "negative" | "low" | "easy" | "hard" | "few";
/** Pearson correlation of a 0/1 item with a criterion; null when either does not vary. */
export function pointBiserial(item: readonly number[], rest: readonly number[]): number | null {
  const n = item.length;
  if (n < 2) return null;
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / n;
  const mi = mean(item);
  const mr = mean(rest);
  let cov = 0;
  let vi = 0;
  let vr = 0;
  for (let k = 0; k < n; k++) {
    const di = item[k]! - mi;
    const dr = rest[k]! - mr;
    cov += di * dr;
    vi += di * di;
    vr += dr * dr;
  }
  return vi === 0 || vr === 0 ? null : cov / Math.sqrt(vi * vr);
}

export function flagsOf(answered: number, correctShare: number | null, discrimination: number | null): QuestionFlag[] {
  if (answered < MIN_ANSWERS || correctShare === null) return ["few"];
  const flags: QuestionFlag[] = [];
  if (discrimination !== null && discrimination < 0) flags.push("negative");
  else if (discrimination !== null && discrimination < 0.2) flags.push("low");
  if (correctShare > 0.95) flags.push("easy");
  if (correctShare < 1 / 3) flags.push("hard");
  return flags;
}
