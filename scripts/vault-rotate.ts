// npm run vault:rotate — add a fresh data key for new writes (older keys are kept,
// marked retired) and re-encrypt every note and sealed exam attempt under it.
import cliProgress from "cli-progress";
import { otherPostgresSessions, processesHolding } from "../lib/backup/app-running";
import { isSqliteUrl, sqlitePath } from "../lib/db/adapter";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { rotateVault } from "../lib/vault/admin";
import { runScript } from "./script-utils";

await runScript(async () => {
  const config = env();
  const bar = new cliProgress.SingleBar(
    { format: "{table} [{bar}] {value}/{total} rows", noTTYOutput: true, notTTYSchedule: 1000, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let table = "";
  // A running portal may seal with the old key for a while; then a final pass
  // after it switched (rotateVault's settleMs). Nothing to wait for when no other
  // process has the database open (SQLite: open files; PostgreSQL: other sessions).
  const file = isSqliteUrl(config.databaseUrl) ? sqlitePath(config.databaseUrl) : null;
  const serversMayWrite = file ? processesHolding(file).length > 0 : (await otherPostgresSessions(db())) > 0;
  try {
    const result = await rotateVault(
      config.PORTAL_MASTER_PASS,
      (p) => {
        if (p.table !== table) {
          if (table) bar.stop();
          table = p.table;
          bar.start(p.total, p.done, { table: p.table.padEnd(11) });
        } else {
          bar.update(p.done);
        }
      },
      {
        settleMs: serversMayWrite ? undefined : 0,
        onSettle: (ms) => {
          if (table) bar.stop();
          table = "";
          console.log(
            `Waiting ${Math.ceil(ms / 1000)} s for the running portal to switch to the new key, then a final pass.`,
          );
        },
      },
    );
    if (table) bar.stop();
    console.log(
      `New active data key ${result.newKeyId}; ${result.retiredKeys} key(s) retired; ${result.reencrypted} row(s) re-encrypted.`,
    );
    if (result.unreadable.length) {
      throw new Error(
        `${result.unreadable.length} row(s) could not be decrypted and were left as they were: ${result.unreadable.join(", ")}`,
      );
    }
  } finally {
    bar.stop();
    await db().$disconnect();
  }
});
