// A synthetic cohort with a known forgetting curve, for npm run bench:fsrs on a
// fresh install. The truth the models do not see:
//   R(t) = 0.9^(t / S)   (exponential; S = the days at which recall falls to 90 %)
//   each student×card has a difficulty d = card difficulty × student factor (0.5–2)
//   first sight: S = 1.2 / d days
//   recalled at R:  S ← S · (1 + (2.5 / d) · (1 − R)^0.7 + 0.15)   (harder when nearly forgotten: more gain)
//   forgotten:      S ← max(0.3, 0.3 · S)
// Answers: forgotten → Again (SM-2 grade 1 or 2); recalled → Hard when R < 0.7,
// Easy when R > 0.95 half the time, else Good (grades 3, 5, 4). Scheduling is the
// portal's SM-2 (lib/review/sm2.ts); a student reviews on the due day or 0–6 days
// late (geometric), so elapsed times vary around the intervals. Seeded: the same
// flags give the same cohort.
import { prng } from "../../lib/review/simulate";
import { nextSm2, NEW_ITEM } from "../../lib/review/sm2";
import { ratingOfGrade } from "../../lib/review/rating";
import type { EvalReview } from "../../lib/review/fsrs-eval";

const DAY = 86_400_000;

export function syntheticCohort(options: {
  students: number;
  cards: number;
  days: number;
  seed: number;
}): EvalReview[] {
  const random = prng(options.seed);
  const start = Date.UTC(2026, 0, 5, 9);
  const cardDifficulty = Array.from({ length: options.cards }, () => 0.6 + random() * 1.2);
  const out: EvalReview[] = [];
  for (let s = 0; s < options.students; s++) {
    const factor = 0.7 + random() * 0.8;
    const newPerDay = 5 + Math.floor(random() * 10);
    for (let c = 0; c < options.cards; c++) {
      const d = Math.min(2, Math.max(0.5, cardDifficulty[c]! * factor));
      let dayIndex = Math.floor(c / newPerDay);
      let S = 1.2 / d;
      let lastDay: number | null = null;
      let sm2 = { ...NEW_ITEM };
      while (dayIndex < options.days) {
        let grade: number;
        if (lastDay === null) {
          grade = random() < 0.75 ? 4 : random() < 0.5 ? 3 : 2;
        } else {
          const R = Math.pow(0.9, (dayIndex - lastDay) / S);
          if (random() < R) {
            grade = R < 0.7 ? 3 : R > 0.95 && random() < 0.5 ? 5 : 4;
            S = S * (1 + (2.5 / d) * Math.pow(1 - R, 0.7) + 0.15);
          } else {
            grade = random() < 0.5 ? 1 : 2;
            S = Math.max(0.3, 0.3 * S);
          }
        }
        out.push({
          key: `s${s}:c${c}`,
          at: new Date(start + dayIndex * DAY + Math.floor(random() * 8 * 3600_000)),
          rating: ratingOfGrade(grade),
          prevIntervalDays: sm2.intervalDays,
        });
        sm2 = nextSm2(sm2, grade);
        lastDay = dayIndex;
        let late = 0;
        while (random() < 0.35 && late < 6) late++;
        dayIndex += sm2.intervalDays + late;
      }
    }
  }
  return out;
}
