// npm run db:copy -- --to postgresql://user@host:5432/portal
// Copies this portal's SQLite database (DATABASE_URL / the data dir) into an
// empty PostgreSQL database, then verifies it. Stop the portal first: the data
// dir's lock is taken for the whole copy, so nothing writes behind it.
// See docs/scale-out.md.
import cliProgress from "cli-progress";
import { copySqliteToPostgres, type CopyProgress } from "../lib/db/copy/copy";
import { redactedUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { lockDataDir } from "../lib/server/data-dir";
import { parseFlags, runScript } from "./script-utils";

const USAGE = "Usage: npm run db:copy -- --to postgresql://user@host:5432/database";

/** A bar on a terminal; a line per quarter in logs. */
function progressReporter(): { update: (p: CopyProgress) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "  copying [{bar}] {percentage}% | {value}/{total} rows | {table}", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.total, 0, { table: p.table });
        started = true;
        bar.update(p.copied, { table: p.table });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastQuarter = -1;
  return {
    update: (p) => {
      const quarter = Math.floor((p.copied / Math.max(p.total, 1)) * 4);
      if (quarter > lastQuarter) console.log(`  copied ${quarter * 25}% of ${p.total} rows (${p.table})`);
      lastQuarter = quarter;
    },
    stop: () => undefined,
  };
}

await runScript(async () => {
  const flags = parseFlags(process.argv.slice(2));
  if (typeof flags.to !== "string") throw new Error(`--to is required.\n${USAGE}`);
  const targetUrl = flags.to;
  const config = env();
  const lock = lockDataDir(
    config.dataDir,
    "npm run db:copy",
    "Stop the portal before copying its database (npm start must not write during the copy).",
  );
  try {
    console.log(`Copying ${config.databaseUrl} → ${redactedUrl(targetUrl)}`);
    const progress = progressReporter();
    const result = await copySqliteToPostgres({
      sourceUrl: config.databaseUrl,
      targetUrl,
      masterPass: config.PORTAL_MASTER_PASS,
      onProgress: progress.update,
    }).finally(progress.stop);
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    console.log(
      `✓ verified: ${total} rows identical in both databases (${Object.entries(result.rows)
        .map(([t, n]) => `${t}=${n}`)
        .join(" ")})`,
    );
    console.log(`✓ every encrypted value opens: ${result.notesOpened} notes, ${result.answersOpened} exam answers`);
    console.log(`✓ sequences moved past the copied ids: ${result.sequences.join(", ") || "none"}`);
    console.log(
      `Done in ${result.durationMs} ms. Next: start the portal with DATABASE_URL=${redactedUrl(targetUrl)} (and REDIS_URL for several instances).`,
    );
  } finally {
    lock.release();
  }
});
