// npm run bench:fsrs — how well SM-2, FSRS with default weights and FSRS with
// weights fitted by time-series split predict recall (log-loss, RMSE over bins,
// AUC; lib/review/fsrs-eval.ts), on the portal's own review log (its data dir's
// database, when there is one) and on a synthetic cohort with a known forgetting
// curve (scripts/bench/fsrs-synthetic.ts), so the command works on a fresh install.
//
//   npm run bench:fsrs [-- --students 40 --cards 70 --days 180 --seed 1 --no-portal]
import { evaluate, type Evaluation, FOLDS } from "../lib/review/fsrs-eval";
import { syntheticCohort } from "./bench/fsrs-synthetic";
import { parseFlags, runScript } from "./script-utils";

const flags = parseFlags(process.argv.slice(2));
const num = (name: string, fallback: number) => (typeof flags[name] === "string" ? Number(flags[name]) : fallback);

function table(name: string, e: Evaluation): string[] {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : "  n/a ");
  const rows: [string, Evaluation["sm2"]][] = [
    ["SM-2", e.sm2],
    ["FSRS-6 default", e.fsrsDefault],
    ["FSRS-6 fitted (TS split)", e.fsrsFitted],
  ];
  return [
    `${name}: ${e.reviews} reviews, ${e.targets} predicted (folds 2-${FOLDS} of ${FOLDS}), ${e.fits} fits`,
    `  ${"model".padEnd(26)} ${"log-loss".padStart(8)} ${"RMSE(bins)".padStart(10)} ${"AUC".padStart(7)}`,
    ...rows.map(
      ([m, s]) => `  ${m.padEnd(26)} ${f(s.logLoss).padStart(8)} ${f(s.rmseBins).padStart(10)} ${f(s.auc).padStart(7)}`,
    ),
  ];
}

async function portalReviews() {
  // Loaded only here: the synthetic part needs no configuration at all.
  const { env } = await import("../lib/env");
  const { db } = await import("../lib/db/client");
  env();
  try {
    const logs = await db().reviewLog.findMany({
      where: { undoneAt: null, redrill: false },
      select: { userId: true, cardId: true, reviewedAt: true, rating: true, prevIntervalDays: true },
    });
    return logs.map((l) => ({
      key: `${l.userId}:${l.cardId}`,
      at: l.reviewedAt,
      rating: l.rating,
      prevIntervalDays: l.prevIntervalDays,
    }));
  } finally {
    await db().$disconnect();
  }
}

await runScript(async () => {
  const started = Date.now();
  const progress = (name: string) => (fold: number, folds: number) => {
    if (process.stdout.isTTY) process.stdout.write(`\r${name}: fitting fold ${fold}/${folds}… `);
    else console.log(`${name}: fitting fold ${fold}/${folds}`);
  };
  const clear = () => process.stdout.isTTY && process.stdout.write("\r\x1b[K");
  const lines: string[] = [];
  if (flags["no-portal"] !== true) {
    try {
      const reviews = await portalReviews();
      if (reviews.length < 50)
        lines.push(`portal database: ${reviews.length} reviews, too few to evaluate (needs 50)`, "");
      else {
        const e = await evaluate(reviews, progress("portal"));
        clear();
        lines.push(...table("portal database", e), "");
      }
    } catch (error) {
      lines.push(
        `portal database: not available (${error instanceof Error ? error.message.replace(/\s+/g, " ").trim() : String(error)})`,
        "",
      );
    }
  }
  const opts = { students: num("students", 40), cards: num("cards", 70), days: num("days", 180), seed: num("seed", 1) };
  const synthetic = syntheticCohort(opts);
  const e = await evaluate(synthetic, progress("synthetic"));
  clear();
  lines.push(
    ...table(
      `synthetic cohort (${opts.students} students × ${opts.cards} cards × ${opts.days} days, seed ${opts.seed})`,
      e,
    ),
  );
  console.log(lines.join("\n"));
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
});
