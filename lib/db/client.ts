// One PrismaClient per process, shared by every Next bundle and hot reload.
// PostgreSQL has its own generated client (a Prisma schema has one provider);
// its models are generated from the same source, so it serves the same API.
import "server-only";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { adapterFor } from "./adapter";
import { providerOf } from "./provider";
import { env } from "../env";

const globalForDb = globalThis as unknown as { miniportalDb?: PrismaClient };

// PostgreSQL text cannot hold U+0000 and refuses a query that carries one (SQLite
// stores it). A hostile id or email would turn a lookup into a 500, so NUL becomes
// U+FFFD, as a decoder does with an invalid byte: the lookup finds nothing, and no
// validated field can hold NUL anyway. Bytes (ciphertexts) and raw SQL pass untouched.
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replaceAll("\u0000", "\ufffd") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)]));
  }
  return value;
}

export function createDb(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    const client = new PostgresPrismaClient({ adapter: adapterFor(url) }).$extends({
      query: { $allModels: { $allOperations: ({ args, query }) => query(withoutNul(args) as typeof args) } },
    });
    // Same models and queries, another provider's client class: the SQLite client's type is
    // the portal's one `Db` type (the models are generated from one source: tests/unit/schema-drift.test.ts).
    return client as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: adapterFor(url) });
}

export function db(): PrismaClient {
  globalForDb.miniportalDb ??= createDb(env().databaseUrl);
  return globalForDb.miniportalDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/client";
