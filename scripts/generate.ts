// `prisma generate` without the native schema engine download (see docs/architecture.md):
// an existing file in PRISMA_SCHEMA_ENGINE_BINARY makes the CLI skip the download
// (generate never runs it). Writes prisma/postgresql/schema.prisma from the one
// model source first, then generates both clients (SQLite and PostgreSQL).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchemaFrom } from "../lib/db/schema-source";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "prisma/schema.prisma");
const postgres = path.join(root, "prisma/postgresql/schema.prisma");

const derived = postgresSchemaFrom(readFileSync(source, "utf8"));
if (readFileSync(postgres, { encoding: "utf8", flag: "a+" }) !== derived) writeFileSync(postgres, derived);

for (const schema of [source, postgres]) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schema],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
