// db:copy copies the tables of COPY_ORDER: every model must be there, parents first.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COPY_ORDER, NOT_COPIED } from "@/lib/db/copy/tables";
import { Prisma } from "@/lib/db/client";

describe("db:copy table order", () => {
  it("names every model exactly once, or says it is not copied", () => {
    expect([...COPY_ORDER.map((t) => t.model), ...NOT_COPIED].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("puts every relation's parent before its child", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const position = new Map(COPY_ORDER.map((t, i) => [t.model, i]));
    for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      for (const [, parent] of body!.matchAll(/^\s+\w+\s+(\w+)\??\s+@relation\([^)]*fields:/gm)) {
        expect(position.get(parent!), `${parent} before ${model}`).toBeLessThan(position.get(model!)!);
      }
    }
  });
});
