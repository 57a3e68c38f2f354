// npm run db:migrate — applies prisma/migrations to DATABASE_URL (default: the data dir's SQLite file).
// Not while a portal runs on the data dir (npm start migrates by itself).
import { env } from "../lib/env";
import { migrateDatabase } from "../lib/db/migrate";
import { lockDataDir, prepareDataDir } from "../lib/server/data-dir";
import { runScript } from "./script-utils";

await runScript(async () => {
  const config = env();
  prepareDataDir(config.dataDir);
  // Refused while a portal (or another command) has the data dir, before opening the database.
  const lock = lockDataDir(
    config.dataDir,
    "npm run db:migrate",
    "Stop it before running npm run db:migrate (npm start applies migrations by itself).",
  );
  try {
    const applied = await migrateDatabase(config.databaseUrl);
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
  } finally {
    lock.release();
  }
});
