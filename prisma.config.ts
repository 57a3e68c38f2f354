// Prisma CLI configuration. The app itself connects through driver adapters
// (lib/db/client.ts) and migrates through the WebAssembly engine (scripts/migrate.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";

const dataDir = path.resolve(process.env.MINIPORTAL_DATA_DIR || "./data");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL || `file:${path.join(dataDir, "miniportal.db")}` },
});
