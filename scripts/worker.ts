// A server worker of `npm start` (forked by lib/server/primary.ts; not run by hand).
import { runWorker } from "../lib/server/worker";

runWorker(process.cwd()).catch((error: unknown) => {
  console.error(`Miniportal worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
