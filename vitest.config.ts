import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// MINIPORTAL_TEST_DATABASE=postgresql runs the integration suites again on PostgreSQL
// (tests/helpers/test-db.ts). Suites that use no test database, or that are about
// the SQLite file itself, run in the SQLite pass only; *.postgres.test.ts only in this one.
const onPostgres = process.env.MINIPORTAL_TEST_DATABASE === "postgresql";
const sqliteOnly = [
  "tests/ops/**",
  "tests/integration/backup-docs.test.ts",
  "tests/integration/backup-drill.test.ts",
  "tests/integration/backup-restore.test.ts",
  "tests/integration/cli.test.ts",
  "tests/integration/db-copy.test.ts", // SQLite → PostgreSQL: the source is the SQLite test database
  "tests/integration/loadtest-harness.test.ts",
  "tests/integration/observability-*.test.ts",
];
const postgresOnly = ["tests/integration/**/*.postgres.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/ops/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...(onPostgres ? sqliteOnly : postgresOnly)],
          environment: "node",
          pool: "forks",
          // Creates the run's PostgreSQL template database when MINIPORTAL_TEST_DATABASE=postgresql.
          globalSetup: ["tests/helpers/pg-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
