// The PostgreSQL schema is derived from prisma/schema.prisma, never edited by
// hand: same models, another datasource provider and client output. A unit test
// fails when the committed file drifts from this derivation.

export const POSTGRES_SCHEMA_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:generate` (scripts/generate.ts).\n" +
  "// Do not edit: change prisma/schema.prisma and regenerate.\n\n";

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(
    new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"),
  );
  if (matches?.length !== 1)
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

export function postgresSchemaFrom(source: string): string {
  let out = replaceOnce(
    source,
    /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'datasource provider = "sqlite"',
  );
  out = replaceOnce(
    out,
    /(generator client \{[^}]*output\s*=\s*)"\.\.\/lib\/db\/generated"/,
    '$1"../../lib/db/generated-pg"',
    "client output",
  );
  return POSTGRES_SCHEMA_HEADER + out;
}
