import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { ensureGeneratedSecrets } from "@/lib/config/secrets-file";
import { statSync } from "node:fs";

const good = { AUTH_SECRET: "s".repeat(40), PORTAL_MASTER_PASS: "m".repeat(20) };
const emptyDir = () => mkdtempSync(path.join(tmpdir(), "mp-env-"));

describe("configuration", () => {
  it("applies defaults: port 3000, SQLite file in the data dir", () => {
    const dir = emptyDir();
    const env = parseEnv({ ...good, MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv);
    expect(env.PORT).toBe(3000);
    expect(env.databaseUrl).toBe(`file:${path.join(dir, "miniportal.db")}`);
    expect(env.METRICS_ENABLED).toBe(true);
    expect(env.MINIPORTAL_LOG_JSON).toBe(false);
  });

  it("names the variable and says what to set when a value is wrong or missing", () => {
    const dir = emptyDir();
    const attempt = (extra: Record<string, string>) => () => parseEnv({ MINIPORTAL_DATA_DIR: dir, ...extra } as unknown as NodeJS.ProcessEnv);
    expect(attempt({ PORTAL_MASTER_PASS: good.PORTAL_MASTER_PASS })).toThrow(/AUTH_SECRET is not set/);
    expect(attempt({ ...good, PORT: "70000" })).toThrow(/PORT/);
    expect(attempt({ ...good, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with file:/);
    expect(attempt({ ...good, MINIPORTAL_LOG_LEVEL: "loud" })).toThrow(/MINIPORTAL_LOG_LEVEL/);
    expect(attempt({ ...good, METRICS_ENABLED: "maybe" })).toThrow(ConfigError);
  });

  it("generates missing secrets into a 0600 file, and explicit variables win", () => {
    const dir = emptyDir();
    expect(ensureGeneratedSecrets(dir, {} as unknown as NodeJS.ProcessEnv)).toEqual(["AUTH_SECRET", "PORTAL_MASTER_PASS"]);
    expect(statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(ensureGeneratedSecrets(dir, {} as unknown as NodeJS.ProcessEnv)).toEqual([]); // stable across restarts
    const fromFile = parseEnv({ MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv);
    expect(fromFile.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    const explicit = parseEnv({ MINIPORTAL_DATA_DIR: dir, AUTH_SECRET: "e".repeat(40) } as unknown as NodeJS.ProcessEnv);
    expect(explicit.AUTH_SECRET).toBe("e".repeat(40));
    expect(explicit.PORTAL_MASTER_PASS).toBe(fromFile.PORTAL_MASTER_PASS);
  });

  it("reports a corrupt secrets file clearly", () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, "secrets.json"), "{not json");
    expect(() => parseEnv({ MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv)).toThrow(/secrets.json is not valid JSON/);
  });
});

describe("server process settings", () => {
  it("defaults to one worker per core and a 10 s stop; bad values name the variable", async () => {
    const { availableParallelism } = await import("node:os");
    const dir = emptyDir();
    const base = { ...good, MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv;
    expect(parseEnv(base)).toMatchObject({ MINIPORTAL_WORKERS: availableParallelism(), MINIPORTAL_SHUTDOWN_TIMEOUT_S: 10 });
    expect(parseEnv({ ...base, MINIPORTAL_WORKERS: "3", MINIPORTAL_SHUTDOWN_TIMEOUT_S: "25" })).toMatchObject({ MINIPORTAL_WORKERS: 3, MINIPORTAL_SHUTDOWN_TIMEOUT_S: 25 });
    expect(() => parseEnv({ ...base, MINIPORTAL_WORKERS: "0" })).toThrow(/MINIPORTAL_WORKERS/);
    expect(() => parseEnv({ ...base, MINIPORTAL_WORKERS: "two" })).toThrow(/MINIPORTAL_WORKERS/);
    expect(() => parseEnv({ ...base, MINIPORTAL_SHUTDOWN_TIMEOUT_S: "0" })).toThrow(/MINIPORTAL_SHUTDOWN_TIMEOUT_S/);
  });
});
