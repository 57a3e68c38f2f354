// Secrets generated on a first run with no configuration, so `npm start` works
// on a fresh machine. Kept in the data dir, mode 0600; production sets them explicitly.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type GeneratedSecrets = { AUTH_SECRET?: string; PORTAL_MASTER_PASS?: string };

export function readGeneratedSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "secrets.json");
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
    return { AUTH_SECRET: parsed.AUTH_SECRET, PORTAL_MASTER_PASS: parsed.PORTAL_MASTER_PASS };
  } catch {
    throw new Error(`${file} is not valid JSON; fix or remove it (and set AUTH_SECRET and PORTAL_MASTER_PASS).`);
  }
}

/** Generates whichever secret the environment lacks; returns the names generated now. */
export function ensureGeneratedSecrets(dataDir: string, source: NodeJS.ProcessEnv): string[] {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "secrets.json");
  const current = readGeneratedSecrets(dataDir);
  const created: string[] = [];
  if (!source.AUTH_SECRET && !current.AUTH_SECRET) {
    current.AUTH_SECRET = randomBytes(32).toString("base64url");
    created.push("AUTH_SECRET");
  }
  if (!source.PORTAL_MASTER_PASS && !current.PORTAL_MASTER_PASS) {
    current.PORTAL_MASTER_PASS = randomBytes(32).toString("base64url");
    created.push("PORTAL_MASTER_PASS");
  }
  if (created.length > 0) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(current, null, 2) + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return created;
}
