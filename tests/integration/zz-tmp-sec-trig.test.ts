import { test, expect } from "vitest";
import { createTestDb } from "@/tests/helpers/test-db";
test("t", async () => {
  const t = await createTestDb();
  await t.db.eventLog.create({ data: { action: "x" } });
  await expect(t.db.eventLog.updateMany({ data: { action: "y" } })).rejects.toThrow();
  await expect(t.db.eventLog.deleteMany({})).rejects.toThrow();
  const { diffMigrationsToSchema, withSchemaEngine } = await import("@/lib/db/schema-engine");
  const { adapterFor } = await import("@/lib/db/adapter");
  const sql = await withSchemaEngine(adapterFor("file::memory:"), diffMigrationsToSchema);
  console.log("DIFF:", sql);
  await t.cleanup();
});
