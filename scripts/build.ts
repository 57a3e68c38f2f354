// `npm run build`: the Prisma clients, then `next build`, the service worker, then the build stamp, so that
// `npm start` on this tree serves what was built instead of building again
// (lib/config/build-stamp.ts). Needs no secrets: they are read when the server starts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { recordBuild, sourceFingerprint } from "../lib/config/build-stamp";

const root = path.resolve(import.meta.dirname, "..");

function run(what: string, script: string, args: string[] = []): void {
  const result = spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${what} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

run("Generating the Prisma clients", "node_modules/tsx/dist/cli.mjs", ["scripts/generate.ts"]);
// Taken before next build reads the sources: an edit made meanwhile leaves the stamp stale.
const fingerprint = sourceFingerprint(root);
run("next build", "node_modules/next/dist/bin/next", ["build"]);
// After next build: the worker precaches the static files that build wrote.
run("Building the service worker", "node_modules/tsx/dist/cli.mjs", ["scripts/build-sw.ts"]);
recordBuild(root, fingerprint);
