// One PrismaClient per process, shared by every Next bundle and hot reload.
// PostgreSQL has its own generated client (a Prisma schema has one provider);
// its models are generated from the same source, so it serves the same API.
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { adapterFor } from "./adapter";
import { providerOf } from "./provider";
import { env } from "../env";

const globalForDb = globalThis as unknown as { miniportalDb?: PrismaClient };

export function createDb(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    // Same models and queries, another provider's client class: the SQLite client's
    // type is the portal's one `Db` type (tests/unit/schema-drift.test.ts keeps them equal).
    return new PostgresPrismaClient({ adapter: adapterFor(url) }) as unknown as PrismaClient;
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
