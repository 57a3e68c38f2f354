// npm start, stage one: only Node built-ins (and the dependency-free Node support
// check) here. Everything in start-portal.ts imports lib/db, which needs the
// generated Prisma client, so generate it first — on a fresh clone it does not exist yet.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { nodeEndOfLifeWarning } from "../lib/config/node-support";

const root = process.cwd();
const nodeWarning = nodeEndOfLifeWarning(process.version, new Date());
if (nodeWarning) console.warn(`! ${nodeWarning}`);
if (!["lib/db/generated/client.ts", "lib/db/generated-pg/client.ts"].every((f) => existsSync(path.join(root, f)))) {
  console.log("\u25b8 Generating the Prisma clients");
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) {
    console.error(`\nMiniportal could not start.\nGenerating the Prisma client failed (exit ${result.status}).`);
    process.exit(1);
  }
}
await import("./start-portal");
