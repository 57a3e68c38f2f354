// Which database a DATABASE_URL names, and where that provider's schema and
// migrations live. prisma/schema.prisma is the one model source (SQLite, the
// default); prisma/postgresql/schema.prisma is generated from it (lib/db/schema-source.ts).
import path from "node:path";

export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got ${url.split(":")[0]}:`,
  );
}

// Paths are relative to the working directory, as for Next itself (npm scripts run at the root).
export const projectRoot = process.cwd();

const files: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" },
};

export function schemaPathFor(provider: Provider): string {
  return path.join(/* turbopackIgnore: true */ projectRoot, files[provider].schema);
}

export function migrationsDirFor(provider: Provider): string {
  return path.join(/* turbopackIgnore: true */ projectRoot, files[provider].migrations);
}

/** The same server, another database: for test, shadow and copy databases. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database name of a postgres URL. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** The URL with its password hidden, for messages and logs. */
export function redactedUrl(url: string): string {
  if (providerOf(url) === "sqlite") return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
