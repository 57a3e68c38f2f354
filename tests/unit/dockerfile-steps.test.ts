// The build test runs what ops/Dockerfile's build stage says (tests/build): its parser
// must read the real file right and refuse what it cannot run faithfully.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildStageSteps } from "../build/dockerfile-steps";

const dir = mkdtempSync(path.join(tmpdir(), "mp-dockerfile-"));
let n = 0;
function dockerfile(text: string): string {
  const file = path.join(dir, `Dockerfile.${++n}`);
  writeFileSync(file, text);
  return file;
}

describe("the Dockerfile's build stage", () => {
  it("of ops/Dockerfile: npm run build, with an engine path Prisma accepts", () => {
    const steps = buildStageSteps(path.resolve("ops/Dockerfile"));
    expect(steps.run).toEqual(["npm run build"]);
    expect(steps.env.NEXT_TELEMETRY_DISABLED).toBe("1");
    // Prisma 7.10 refuses a path that does not exist; scripts/generate.ts picks one that does.
    expect(steps.env.PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
  });

  it("takes RUN lines after COPY . . only, joins continued lines and skips comments", () => {
    const steps = buildStageSteps(
      dockerfile(
        [
          "FROM node:20 AS build",
          "RUN apt-get update \\",
          " && apt-get install -y make",
          "COPY package.json ./",
          "RUN npm ci",
          "COPY . .",
          "# the build",
          "RUN npm run generate \\",
          "  # a comment inside the instruction",
          " && npm run build",
          "FROM node:20 AS runtime",
          "RUN echo not the build stage",
        ].join("\n"),
      ),
    );
    expect(steps.run).toEqual(["npm run generate && npm run build"]);
  });

  it("reads ENV pairs, quoted values and the legacy form, wherever they stand in the stage", () => {
    const steps = buildStageSteps(
      dockerfile(
        [
          "FROM node:20",
          "ENV A=1 B=\"two words\" C='three'",
          "ENV LEGACY some value",
          "COPY . .",
          "ENV D=4",
          "RUN npm run build",
        ].join("\n"),
      ),
    );
    expect(steps.env).toEqual({ A: "1", B: "two words", C: "three", LEGACY: "some value", D: "4" });
  });

  it("refuses a build stage without COPY . . and an exec-form RUN, naming the file", () => {
    const noCopy = dockerfile("FROM node:20\nRUN npm run build\n");
    expect(() => buildStageSteps(noCopy)).toThrow(`${noCopy}: the build stage has no \`COPY . .\``);
    const execForm = dockerfile('FROM node:20\nCOPY . .\nRUN ["npm", "run", "build"]\n');
    expect(() => buildStageSteps(execForm)).toThrow(/exec-form RUN is not supported/);
    expect(() => buildStageSteps(dockerfile("# nothing\n"))).toThrow(/no FROM/);
  });
});
