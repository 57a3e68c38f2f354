// npm run db:migrate — applies prisma/migrations to DATABASE_URL (default: the data dir's SQLite file).
import { env } from "../lib/env";
import { migrateDatabase } from "../lib/db/migrate";
import { runScript } from "./script-utils";

await runScript(async () => {
  const applied = await migrateDatabase(env().databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
});
