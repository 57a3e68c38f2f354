// Throwaway PostgreSQL databases on a server: for db:diff, the PostgreSQL test
// runs and copy drills. Names are generated here (never user input), so quoting
// them into DDL is safe.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { withDatabaseName } from "./provider";

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

async function onServer<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database (optionally as a copy of a template) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  await onServer(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return withDatabaseName(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops every database whose name starts with the prefix (leftovers of an interrupted run). */
export async function dropDatabasesLike(adminUrl: string, prefix: string): Promise<string[]> {
  return onServer(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    for (const { datname } of rows)
      await c.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    return rows.map((r) => r.datname);
  });
}

/** Runs fn against a fresh database on the server, dropped afterwards whatever happens. */
export async function withTempDatabase<T>(
  adminUrl: string,
  prefix: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const name = uniqueDatabaseName(prefix);
  const url = await createDatabase(adminUrl, name);
  try {
    return await fn(url);
  } finally {
    await dropDatabase(adminUrl, name);
  }
}
