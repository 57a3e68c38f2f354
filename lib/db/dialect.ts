// The few SQL fragments that differ between the providers, in one place, so
// raw queries in lib/ run on both (the integration suite runs on both).
import { Prisma } from "./client";
import { providerOf, type Provider } from "./provider";
import { env } from "../env";

export function currentProvider(): Provider {
  return providerOf(env().databaseUrl);
}

/**
 * The UTC quarter hour ("YYYY-MM-DDTHH:MM", minutes 00/15/30/45) of a DateTime column, given as
 * a quoted identifier. Every zone's offset is a whole number of quarter hours, so counts per
 * quarter hour add up to exact counts per local day in any zone (lib/dashboard/review-days.ts).
 */
export function utcQuarterHourOf(quotedColumn: string): Prisma.Sql {
  // SQLite stores DateTime as ISO-8601 UTC text; PostgreSQL as timestamp(3) holding UTC.
  return currentProvider() === "postgresql"
    ? Prisma.raw(
        `to_char(${quotedColumn}, 'YYYY-MM-DD"T"HH24') || ':' || lpad(((extract(minute from ${quotedColumn})::int / 15) * 15)::text, 2, '0')`,
      )
    : Prisma.raw(
        `substr(${quotedColumn}, 1, 13) || ':' || printf('%02d', (CAST(substr(${quotedColumn}, 15, 2) AS INTEGER) / 15) * 15)`,
      );
}

/** A lower bound for a DateTime column at a moment. */
export function atOrAfter(date: Date): Prisma.Sql {
  const iso = date.toISOString();
  // SQLite compares the text the adapter writes ("…T06:00:00.000+00:00"); PostgreSQL needs a timestamp.
  return currentProvider() === "postgresql"
    ? Prisma.sql`${iso.replace("T", " ").replace("Z", "")}::timestamp`
    : Prisma.sql`${iso.replace("Z", "+00:00")}`;
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
