// npm run content:import [-- --dir content] — loads the course idempotently.
import { db } from "../lib/db/client";
import { syncCourse, DEFAULT_CONTENT_DIR } from "../lib/content/sync";
import { parseFlags, runScript } from "./script-utils";

await runScript(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const dir = typeof flags.dir === "string" ? flags.dir : DEFAULT_CONTENT_DIR;
  const s = await syncCourse(dir);
  console.log(
    `Imported ${s.phases} phases: ${s.cardsUpserted} cards (${s.cardsRetired} retired), ${s.questionsUpserted} questions (${s.questionsRetired} retired).`,
  );
  await db().$disconnect();
});
