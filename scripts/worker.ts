// A server worker of `npm start` (forked by lib/server/primary.ts; not run by hand).
import { AsyncLocalStorage } from "node:async_hooks";

// What `next start` sets up before loading Next's server (next/dist/server/node-environment-baseline):
// lib/observability imports next/headers, whose request storage needs it first.
const g = globalThis as unknown as { AsyncLocalStorage?: typeof AsyncLocalStorage };
g.AsyncLocalStorage ??= AsyncLocalStorage;

const { runWorker } = await import("../lib/server/worker");
runWorker(process.cwd()).catch((error: unknown) => {
  console.error(`Miniportal worker could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
