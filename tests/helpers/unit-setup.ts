// setupFiles of the unit project, which runs its files in one module graph
// (isolate: false): whatever a file does to process.env is undone after it, and
// lib/env's cache forgotten, so the next file sees the environment it would alone.
import { afterAll } from "vitest";
import { resetEnvCache } from "@/lib/env";

const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  Object.assign(process.env, before);
  resetEnvCache();
});
