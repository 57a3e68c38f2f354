// The few SQL fragments that differ between the providers, in one place, so
// raw queries in lib/ run on both (the integration suite runs on both).
import { Prisma } from "./client";
import { providerOf, type Provider } from "./provider";
import { env } from "../env";

export function currentProvider(): Provider {
  return providerOf(env().databaseUrl);
}

/** The UTC calendar day (YYYY-MM-DD) of a DateTime column, given as a quoted identifier. */
export function utcDayOf(quotedColumn: string): Prisma.Sql {
  // SQLite stores DateTime as ISO-8601 UTC text; PostgreSQL as timestamp(3) holding UTC.
  return currentProvider() === "postgresql"
    ? Prisma.raw(`to_char(${quotedColumn}, 'YYYY-MM-DD')`)
    : Prisma.raw(`substr(${quotedColumn}, 1, 10)`);
}

/** A lower bound for a DateTime column at the start of the given UTC day. */
export function startOfUtcDay(date: Date): Prisma.Sql {
  const day = date.toISOString().slice(0, 10);
  // SQLite compares the ISO text; PostgreSQL needs a timestamp, not text.
  return currentProvider() === "postgresql" ? Prisma.sql`${day}::timestamp` : Prisma.sql`${day}`;
}

/**
 * A case-insensitive `contains` filter: SQLite's LIKE already ignores ASCII case
 * (and rejects Prisma's `mode`), PostgreSQL's LIKE does not.
 */
export function containsIgnoringCase(text: string): { contains: string; mode?: "insensitive" } {
  return currentProvider() === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text };
}

/** A point in time to compare a DateTime column with in raw SQL (both store UTC). */
export function timestampOf(date: Date): Prisma.Sql {
  const iso = date.toISOString();
  // SQLite compares the ISO text it stores; PostgreSQL's timestamp(3) ignores the Z (it holds UTC).
  return currentProvider() === "postgresql" ? Prisma.sql`${iso}::timestamp` : Prisma.sql`${iso}`;
}
