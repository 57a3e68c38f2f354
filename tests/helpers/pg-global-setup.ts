// Vitest globalSetup for a PostgreSQL run: one migrated template database for
// the run, which every test file copies (CREATE DATABASE … TEMPLATE is much
// faster than migrating each). Names carry the pid and random bytes, so
// concurrent runs on the same server never meet; teardown drops them all.
import { migrateDatabase } from "../../lib/db/migrate";
import { createDatabase, dropDatabasesLike, uniqueDatabaseName } from "../../lib/db/temp-database";
import { postgresAdminUrl } from "../../lib/env";
import { onPostgres, PG_TEMPLATE_KEY } from "./test-database-mode";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Several projects of one run list this setup: the first one's template serves all.
  if (!onPostgres || process.env[PG_TEMPLATE_KEY]) return undefined;
  const admin = postgresAdminUrl();
  const prefix = uniqueDatabaseName("mp_test");
  const template = `${prefix}_tpl`;
  await migrateDatabase(await createDatabase(admin, template));
  // Forked test workers inherit this environment.
  process.env[PG_TEMPLATE_KEY] = template;
  return async () => {
    delete process.env[PG_TEMPLATE_KEY];
    await dropDatabasesLike(admin, prefix);
  };
}
