// npm run fsrs:optimize — fits FSRS parameters to the cohort's review log (and to
// each student with enough reviews of their own) and stores them with their date
// and review count (lib/review/fsrs-optimize.ts). A progress bar on a terminal,
// plain progress lines otherwise (logs, CI).
import cliProgress from "cli-progress";
import { db } from "../lib/db/client";
import { optimizeCohort } from "../lib/review/fsrs-optimize";
import { runScript } from "./script-utils";

await runScript(async () => {
  const tty = process.stdout.isTTY === true;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: "fitting {step} [{bar}] {percentage}%", hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let lastLine = -1;
  try {
    const summary = await optimizeCohort((p) => {
      const percent = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      if (bar) {
        if (!started) bar.start(p.total, p.done, { step: p.step.padEnd(7) });
        else bar.update(p.done, { step: p.step.padEnd(7) });
        started = true;
      } else if (percent >= lastLine + 10 || p.step === "done") {
        lastLine = percent;
        console.log(`fsrs:optimize ${percent}% (${p.step})`);
      }
    });
    bar?.stop();
    console.log(
      `${summary.reviews} reviews from ${summary.students} student(s); ${summary.fits.length} parameter set(s) stored:`,
    );
    for (const f of summary.fits)
      console.log(
        `  ${f.scope === "cohort" ? "cohort" : `student ${f.scope}`}: ${f.fit} fit, ${f.itemCount} items, ${f.reviewCount} reviews`,
      );
  } finally {
    bar?.stop();
    await db().$disconnect();
  }
});
