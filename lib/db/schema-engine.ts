// Prisma's schema engine, as WebAssembly, driven through a driver adapter.
// The Prisma CLI cannot download its native engine on these machines; this does
// what `prisma migrate deploy` / `prisma migrate diff` do, with the same
// `_prisma_migrations` bookkeeping, so the CLI stays usable where it has its engine.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { adapterFor } from "./adapter";
import { readMigrations } from "./migration-files";
import { migrationsDirFor, providerOf, schemaPathFor, withDatabaseName, type Provider } from "./provider";

const require = createRequire(import.meta.url);
let loaded: Promise<void> | undefined;

// Node 20 cannot `import` a .wasm module without a flag, so instantiate it by hand.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return loaded;
}

// The engine replays a whole migration file on the shadow database with one
// executeRaw call; better-sqlite3 prepares single statements only, so route
// multi-statement scripts to executeScript.
function sqliteScripts(shadow: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = shadow.executeRaw.bind(shadow);
  shadow.executeRaw = async (query) => {
    if (
      query.args.length === 0 &&
      query.sql.split(";").filter((s) => s.trim() && !/^\s*(--[^\n]*\n?\s*)*$/.test(s)).length > 1
    ) {
      await shadow.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return shadow;
}

// adapter-pg's executeScript splits a script on every ";", which breaks the
// PL/pgSQL bodies of the audit trigger. A query without parameters goes over
// PostgreSQL's simple protocol, which runs a whole script as sent.
function postgresScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

// The engine reads PostgreSQL's catalogs, whose one-byte "char" columns (oid 18,
// e.g. pg_class.relkind) adapter-pg does not map; as text they read as the engine expects.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
function charAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}
class CatalogClient extends pg.Client {
  // One override for pg's many query() overloads (pg-pool calls it with a callback).
  // @ts-expect-error -- the overloads cannot be restated; results pass through unchanged but for field types
  override query(...args: unknown[]): unknown {
    const last = args.at(-1);
    if (typeof last === "function")
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, error ? result : charAsText(result));
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    return result instanceof Promise ? result.then(charAsText) : result;
  }
}

function migrationAdapter(url: string, max?: number): PrismaPg {
  return new PrismaPg({
    connectionString: url,
    Client: CatalogClient as unknown as new () => pg.ClientBase,
    ...(max ? { max } : {}),
  });
}

// A shadow database of our own on the same server: adapter-pg's lets the URL's
// database name win over the shadow's and drops it while its pool is still connected.
async function postgresShadow(url: string, opened: { dispose(): Promise<void> }[]): Promise<SqlDriverAdapter> {
  const name = `miniportal_shadow_${randomUUID().replace(/-/g, "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const shadow = await migrationAdapter(withDatabaseName(url, name), 2).connect();
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  };
  opened.push(shadow);
  return postgresScripts(shadow);
}

// Connections are tracked so they can be closed: the engine does not release
// them when freed, and an open one keeps the SQLite file locked.
function migrationFactory(
  url: string,
  provider: Provider,
  opened: { dispose(): Promise<void> }[],
): SqlMigrationAwareDriverAdapterFactory {
  const factory = provider === "postgresql" ? migrationAdapter(url) : adapterFor(url);
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const a = await adapter;
    opened.push(a);
    return a;
  };
  if (provider === "postgresql") {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => postgresScripts(await track(factory.connect())),
      connectToShadowDb: () => postgresShadow(url, opened),
    };
  }
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: async () => sqliteScripts(await track(factory.connectToShadowDb())),
  };
}

/** The provider, schema and migrations an engine works with. */
export type EngineTarget = { provider: Provider; schemaPath: string; migrationsDir: string };

/** Runs fn with a schema engine on the URL's database, then releases every connection. */
export async function withSchemaEngine<T>(
  url: string,
  fn: (engine: SchemaEngine, target: EngineTarget) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const provider = providerOf(url);
  const target = { provider, schemaPath: schemaPathFor(provider), migrationsDir: migrationsDirFor(provider) };
  const schema = await readFile(target.schemaPath, "utf8");
  const opened: { dispose(): Promise<void> }[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory(migrationFactory(url, provider, opened));
  const engine = (await bg.SchemaEngine.new(
    { datamodels: [[target.schemaPath, schema]] },
    () => {},
    bound,
  )) as SchemaEngine;
  try {
    return await fn(engine, target);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose().catch(() => {})));
  }
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations(engine: SchemaEngine, target: EngineTarget): Promise<string[]> {
  const result = await engine.applyMigrations({
    migrationsList: await readMigrations(target.migrationsDir),
    filters: noFilter,
  });
  return result.appliedMigrationNames;
}

/** SQL that turns the state the migrations produce into the schema; empty when in sync. */
export async function diffMigrationsToSchema(engine: SchemaEngine, target: EngineTarget): Promise<string> {
  const schema = await readFile(target.schemaPath, "utf8");
  const result = await engine.diff({
    from: { tag: "migrations", ...(await readMigrations(target.migrationsDir)) },
    to: { tag: "schemaDatamodel", files: [{ path: target.schemaPath, content: schema }] },
    script: true,
    exitCode: null,
    filters: noFilter,
  } as Parameters<SchemaEngine["diff"]>[0]);
  return result.stdout ?? "";
}
