// setupFiles of the unit project, which runs its files in one worker without
// isolation (isolate: false): what a file changes in process-wide state is undone
// after it, so the next file sees what it would alone — process.env (and lib/env's
// cache of it) and Zod's global configuration (lib/validation/messages.ts sets the
// portal's messages when it is first imported).
import { afterAll, vi } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";

const env = { ...process.env };
const zod = { ...z.config() };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  resetEnvCache();
  const config = z.config() as Record<string, unknown>;
  for (const key of Object.keys(config)) if (!(key in zod)) delete config[key];
  Object.assign(config, zod);
  // The portal's own modules are evaluated afresh for the next file (their side
  // effects, such as that Zod configuration, happen again); packages stay loaded.
  vi.resetModules();
});
