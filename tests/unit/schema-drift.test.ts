// The PostgreSQL schema is generated from prisma/schema.prisma, never edited by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom } from "@/lib/db/schema-source";

const source = readFileSync("prisma/schema.prisma", "utf8");
const committed = readFileSync("prisma/postgresql/schema.prisma", "utf8");
const models = (schema: string) => schema.replace(/^\s*\/\/.*$/gm, "").match(/^(model|enum) [\s\S]*?^\}/gm) ?? [];

describe("PostgreSQL schema", () => {
  it("is exactly what `npm run db:generate` derives from prisma/schema.prisma (run it after changing the models)", () => {
    expect(committed).toBe(postgresSchemaFrom(source));
  });

  it("has the same models and a postgresql datasource", () => {
    expect(models(committed)).toEqual(models(source));
    expect(models(source).length).toBeGreaterThan(10);
    expect(committed).toMatch(/datasource db \{\s*provider = "postgresql"/);
  });

  it("refuses a source whose datasource it cannot find", () => {
    expect(() => postgresSchemaFrom(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(
      /datasource provider/,
    );
  });
});
