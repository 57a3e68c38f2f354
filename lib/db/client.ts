// One PrismaClient per process, shared by every Next bundle and hot reload.
import "server-only";
import { PrismaClient } from "./generated/client";
import { adapterFor } from "./adapter";
import { env } from "../env";

const globalForDb = globalThis as unknown as { miniportalDb?: PrismaClient };

export function createDb(url: string): PrismaClient {
  return new PrismaClient({ adapter: adapterFor(url) });
}

export function db(): PrismaClient {
  globalForDb.miniportalDb ??= createDb(env().databaseUrl);
  return globalForDb.miniportalDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export { Prisma } from "./generated/client";
