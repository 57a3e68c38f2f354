// Prisma's schema engine, as WebAssembly, driven through a driver adapter.
// The Prisma CLI cannot download its native engine on these machines; this does
// what `prisma migrate deploy` / `prisma migrate diff` do, with the same
// `_prisma_migrations` bookkeeping, so the CLI stays usable where it has its engine.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { readMigrations, schemaPath } from "./migration-files";

const require = createRequire(import.meta.url);
let loaded: Promise<void> | undefined;

// Node 20 cannot `import` a .wasm module without a flag, so instantiate it by hand.
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
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
// Connections are tracked so they can be closed: the engine does not release
// them when freed, and an open one keeps the SQLite file locked.
function withScriptAwareShadow(factory: SqlMigrationAwareDriverAdapterFactory, opened: { dispose(): Promise<void> }[]): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const shadow = await factory.connectToShadowDb();
      opened.push(shadow);
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length === 0 && query.sql.split(";").filter((s) => s.trim() && !/^\s*(--[^\n]*\n?\s*)*$/.test(s)).length > 1) {
          await shadow.executeScript(query.sql);
          return 0;
        }
        return executeRaw(query);
      };
      return shadow;
    },
  };
}

/** Runs fn with a schema engine on the adapter's database, then releases every connection. */
export async function withSchemaEngine<T>(adapter: SqlMigrationAwareDriverAdapterFactory, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const schema = await readFile(schemaPath, "utf8");
  const opened: { dispose(): Promise<void> }[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory(withScriptAwareShadow(adapter, opened));
  const engine = (await bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bound)) as SchemaEngine;
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((c) => c.dispose().catch(() => {})));
  }
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names applied now. */
export async function applyMigrations(engine: SchemaEngine): Promise<string[]> {
  const result = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilter });
  return result.appliedMigrationNames;
}

/** SQL that turns the state the migrations produce into the schema; empty when in sync. */
export async function diffMigrationsToSchema(engine: SchemaEngine): Promise<string> {
  const schema = await readFile(schemaPath, "utf8");
  const result = await engine.diff({
    from: { tag: "migrations", ...(await readMigrations()) },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: null,
    filters: noFilter,
  } as Parameters<SchemaEngine["diff"]>[0]);
  return result.stdout ?? "";
}
