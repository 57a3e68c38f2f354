// A seeded shuffle, pure: the same seed gives the same order (a reload shows the
// attempt as it was), another seed another order. The seed is random per attempt
// and stored with it; the order is only ever for display, grading goes by ids.
import { createHash } from "node:crypto";

/** A deterministic uniform integer in [0, n) for (seed, salt, step). */
function pick(seed: string, salt: string, step: number, n: number): number {
  const digest = createHash("sha256").update(`${seed}\u0000${salt}\u0000${step}`).digest();
  // 48 bits against n ≤ a few hundred: the modulo bias is negligible.
  return digest.readUIntBE(0, 6) % n;
}

/** Fisher–Yates driven by the seed; `salt` separates independent shuffles of one attempt. */
export function seededShuffle<T>(items: readonly T[], seed: string, salt: string): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = pick(seed, salt, i, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Shufflable = { id: string; choices: readonly { id: string }[] };

/** The questions (and each one's choices) in the order this attempt shows them. */
export function orderForAttempt<Q extends Shufflable>(
  questions: readonly Q[],
  seed: string,
  options: { shuffleQuestions: boolean; shuffleChoices: boolean },
): Q[] {
  const ordered = options.shuffleQuestions ? seededShuffle(questions, seed, "questions") : [...questions];
  if (!options.shuffleChoices) return ordered;
  return ordered.map((q) => ({ ...q, choices: seededShuffle(q.choices, seed, `choices:${q.id}`) }));
}
