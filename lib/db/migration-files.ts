// The migration files on disk, in the shape Prisma's schema engine reads them.
// Paths are relative to the working directory, as for Next itself (npm scripts run at the root).
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { migrationsDirFor, schemaPathFor, type Provider } from "./provider";

export type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } | { tag: "error"; value: string } };
  }[];
  shadowDbInitScript: string;
};

// The SQLite paths, the default provider's.
export const schemaPath = schemaPathFor("sqlite");
export const migrationsDir = migrationsDirFor("sqlite");

export async function readMigrations(dir: string = migrationsDir): Promise<MigrationList> {
  const lockContent = await readFile(path.join(/* turbopackIgnore: true */ dir, "migration_lock.toml"), "utf8").catch(
    () => null,
  );
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(/* turbopackIgnore: true */ dir, entry.name, "migration.sql");
    const content = await readFile(file, "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (error: Error) => ({ tag: "error" as const, value: error.message }),
    );
    migrationDirectories.push({ path: entry.name, migrationFile: { path: "migration.sql", content } });
  }
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

/** Names of migrations on disk that the database has not recorded as finished. */
export async function pendingMigrations(
  appliedNames: Iterable<string>,
  provider: Provider = "sqlite",
): Promise<string[]> {
  const applied = new Set(appliedNames);
  const list = await readMigrations(migrationsDirFor(provider));
  return list.migrationDirectories.map((d) => d.path).filter((name) => !applied.has(name));
}
