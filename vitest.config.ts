import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// MINIPORTAL_TEST_DATABASE=postgresql runs the integration suites again on PostgreSQL
// (tests/helpers/test-db.ts). Suites that use no test database, or whose database is
// SQLite whatever the run (the commands' own data dirs), or that are about the SQLite
// file itself, run in the SQLite pass only; *.postgres.test.ts only in this one.
const onPostgres = process.env.MINIPORTAL_TEST_DATABASE === "postgresql";
const sqliteOnly = [
  "tests/ops/**/*.test.ts",
  "tests/integration/backup-docs.test.ts",
  "tests/integration/backup-drill.test.ts",
  "tests/integration/backup-restore.test.ts",
  "tests/integration/cli.test.ts",
  "tests/integration/db-copy.test.ts", // SQLite → PostgreSQL: the source is the SQLite test database
  "tests/integration/loadtest-harness.test.ts",
  "tests/integration/observability-*.test.ts",
  "tests/integration/server-drain.test.ts", // a bare HTTP server
  "tests/integration/server-follow-cores.test.ts", // the process tree; the portal on its own data dir (SQLite)
  "tests/integration/server-compression.test.ts", // a bare HTTP server
  "tests/integration/db-statement-cache.test.ts", // a SQLite file of its own
  "tests/integration/mail-portal.test.ts", // the portal's own data dir (SQLite); the outbox on PostgreSQL: mail-outbox
  "tests/integration/mail-daily.test.ts", // zone arithmetic and a conditional update; claims on PostgreSQL: mail-outbox
  "tests/integration/startup-checks.test.ts", // data dirs made by hand, DATABASE_URL unset
  "tests/integration/security-redis-faults.test.ts", // Redis faults; PostgreSQL readiness: db-connection
  "tests/integration/security-check-script.test.ts", // a real npm start in its own data dir (SQLite)
  "tests/integration/security-rate-limit-file-faults.test.ts", // the rate-limit file, whatever the database
];
const postgresOnly = ["tests/integration/**/*.postgres.test.ts"];
// The Node 24 pass (scripts/test-node24.ts) runs on Node 24, on PostgreSQL, every file that
// runs on either database (PostgreSQL then runs on Node 24 only, SQLite on Node 20 in the main
// pass); then, on SQLite (MINIPORTAL_TEST_PASS=node24 without MINIPORTAL_TEST_DATABASE), the
// SQLite-only files whose outcome can depend on the runtime: the native SQLite addon under the
// commands (backup, restore, the CLI, startup checks) and Node's own HTTP server and
// diagnostics channels. The other SQLite-only files check configuration and external tools
// (Prometheus, Alertmanager, HAProxy, compose files) or plain JavaScript over SQLite: the same
// on any Node, they run in the main pass only.
const onNode24Pass = process.env.MINIPORTAL_TEST_PASS === "node24";
const node24SqliteFiles = [
  "tests/integration/backup-restore.test.ts",
  "tests/integration/cli.test.ts",
  "tests/integration/startup-checks.test.ts",
  "tests/integration/server-drain.test.ts",
  "tests/integration/observability-http-observer.test.ts",
];

// Files that start processes or servers (npm run, the portal, Prometheus, HAProxy,
// exporters, Redis) or time what they observe: they run one at a time, after the
// database-only files, which run two at a time. Each file has its own databases,
// data dirs and free ports, so no file depends on another's state.
const serial = [
  "tests/integration/backup-drill.test.ts",
  "tests/integration/backup-offsite.test.ts",
  "tests/integration/backup-offsite-engines.test.ts",
  "tests/integration/backup-restore.test.ts",
  "tests/integration/cli.test.ts",
  "tests/integration/db-connection.test.ts",
  "tests/integration/db-copy.test.ts",
  "tests/integration/mail-portal.test.ts",
  "tests/integration/security-check-script.test.ts",
  "tests/integration/security-redis-faults.test.ts",
  "tests/integration/server-drain.test.ts",
  "tests/integration/server-follow-cores.test.ts",
  "tests/integration/startup-checks.test.ts",
  "tests/ops/alertmanager.test.ts",
  "tests/ops/compose-scale-out.test.ts",
  "tests/ops/docker-entrypoint.test.ts",
  "tests/ops/haproxy.test.ts",
  "tests/ops/prometheus-local.test.ts",
];

const integration = {
  environment: "node",
  pool: "forks" as const,
  // One migrated template per run (SQLite file or PostgreSQL database) that each file copies.
  globalSetup: ["tests/helpers/sqlite-global-setup.ts", "tests/helpers/pg-global-setup.ts"],
  // Beside the e2e specs in CI a file runs up to ten times slower than alone (a restart in a
  // child process: 6 s alone, past 60 s there); only a failing test waits a limit out.
  testTimeout: 150_000,
  hookTimeout: 150_000,
};
// The Node 24 pass's SQLite part: the runtime-dependent SQLite-only files above.
const node24SqlitePart = onNode24Pass && !onPostgres;
const integrationFiles = node24SqlitePart
  ? node24SqliteFiles
  : ["tests/integration/**/*.test.ts", "tests/ops/**/*.test.ts"];
const serialFiles = node24SqlitePart ? serial.filter((file) => node24SqliteFiles.includes(file)) : serial;
const excluded = [...configDefaults.exclude, ...(onPostgres ? sqliteOnly : postgresOnly)];

// Run both integration projects together: `vitest run --project integration --project integration-serial`.
// Projects with one sequence.groupOrder share one worker count, so each has its own.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Pure functions: one module graph for every file (no per-file re-import);
          // the setup file puts back process.env and the env cache after each file.
          isolate: false,
          pool: "threads",
          setupFiles: ["tests/helpers/unit-setup.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: "integration",
          include: integrationFiles,
          exclude: [...excluded, ...serial],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: "integration-serial",
          include: serialFiles,
          exclude: excluded,
          maxWorkers: 1,
          // They start portals and tools beside the e2e specs (scripts/test.ts): on a busy
          // machine a start alone can take most of a minute.
          testTimeout: 150_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        resolve: { alias },
        test: {
          // Copies the working tree to MINIPORTAL_TEST_APP_DIR and builds it as the Dockerfile does.
          name: "build",
          include: ["tests/build/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          maxWorkers: 1,
          testTimeout: 15 * 60_000,
          hookTimeout: 5 * 60_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
