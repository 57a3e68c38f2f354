// The workload a desired retention costs: reviews per day over the next 30 days
// for one student's cards. ts-fsrs 5.4 has no simulator of its own (the Rust
// one is not in @open-spaced-repetition/binding 0.5 either), so this is a small
// seeded Monte Carlo over ts-fsrs's own scheduling (lib/review/fsrs.ts): each
// run walks every card through its due days; at a review the card is recalled
// with FSRS's predicted probability (rated Good) or forgotten (rated Again), and
// rescheduled by ts-fsrs at the chosen retention. New cards enter at the
// student's daily new-card limit. The result is the mean over the runs. Pure.
import { type CardMemory, DAY_MS, type FsrsSettings, nextFsrs, retrievability } from "./fsrs";
import { dueDate } from "./sm2";

export const SIMULATION_DAYS = 30;
const RUNS = 16;

/** A small seeded PRNG (mulberry32): the same input gives the same forecast. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimulationInput = {
  /** Cards with a state (suspended ones left out by the caller). */
  cards: readonly CardMemory[];
  /** Cards never graded, in the order they would be introduced. */
  newCards: number;
  newPerDay: number;
  settings: FsrsSettings;
  now: Date;
  days?: number;
  runs?: number;
};

/** Mean reviews per UTC day, index 0 = today. */
export function simulateWorkload(input: SimulationInput): number[] {
  const days = input.days ?? SIMULATION_DAYS;
  const runs = input.runs ?? RUNS;
  const today = dueDate(input.now, 0).getTime();
  const totals = new Array<number>(days).fill(0);
  for (let run = 0; run < runs; run++) {
    const random = prng(0x9e3779b9 + run);
    const walk = (start: CardMemory | null, firstDay: number) => {
      let memory = start;
      let day = memory ? Math.max(0, Math.floor((memory.dueAt.getTime() - today) / DAY_MS)) : firstDay;
      while (day < days) {
        totals[day]! += 1;
        // Review in the middle of the day: elapsed time as the student would meet it.
        const at = new Date(today + day * DAY_MS + DAY_MS / 2);
        const recalled = memory ? random() < retrievability(memory, at, input.settings.weights) : random() < 0.75;
        memory = nextFsrs(memory, recalled ? 3 : 1, at, input.settings);
        day = Math.max(day + 1, Math.floor((memory.dueAt.getTime() - today) / DAY_MS));
      }
    };
    for (const card of input.cards) walk(card, 0);
    const perDay = Math.max(0, Math.floor(input.newPerDay));
    if (perDay > 0) for (let i = 0; i < input.newCards; i++) walk(null, Math.floor(i / perDay));
  }
  return totals.map((n) => Math.round((n / runs) * 10) / 10);
}

/** The mean of a forecast (what /account shows as "about N reviews a day"). */
export function meanPerDay(forecast: readonly number[]): number {
  return forecast.length ? Math.round((forecast.reduce((a, b) => a + b, 0) / forecast.length) * 10) / 10 : 0;
}
