import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, offsiteSettings, parseEnv } from "@/lib/env";
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
    const attempt = (extra: Record<string, string>) => () =>
      parseEnv({ MINIPORTAL_DATA_DIR: dir, ...extra } as unknown as NodeJS.ProcessEnv);
    expect(attempt({ PORTAL_MASTER_PASS: good.PORTAL_MASTER_PASS })).toThrow(/AUTH_SECRET is not set/);
    expect(attempt({ ...good, PORT: "70000" })).toThrow(/PORT/);
    expect(attempt({ ...good, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with file:/);
    expect(attempt({ ...good, MINIPORTAL_LOG_LEVEL: "loud" })).toThrow(/MINIPORTAL_LOG_LEVEL/);
    expect(attempt({ ...good, METRICS_ENABLED: "maybe" })).toThrow(ConfigError);
  });

  it("generates missing secrets into a 0600 file, and explicit variables win", () => {
    const dir = emptyDir();
    expect(ensureGeneratedSecrets(dir, {} as unknown as NodeJS.ProcessEnv)).toEqual([
      "AUTH_SECRET",
      "PORTAL_MASTER_PASS",
    ]);
    expect(statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(ensureGeneratedSecrets(dir, {} as unknown as NodeJS.ProcessEnv)).toEqual([]); // stable across restarts
    const fromFile = parseEnv({ MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv);
    expect(fromFile.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    const explicit = parseEnv({
      MINIPORTAL_DATA_DIR: dir,
      AUTH_SECRET: "e".repeat(40),
    } as unknown as NodeJS.ProcessEnv);
    expect(explicit.AUTH_SECRET).toBe("e".repeat(40));
    expect(explicit.PORTAL_MASTER_PASS).toBe(fromFile.PORTAL_MASTER_PASS);
  });

  it("reports a corrupt secrets file clearly", () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, "secrets.json"), "{not json");
    expect(() => parseEnv({ MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv)).toThrow(
      /secrets.json is not valid JSON/,
    );
  });

  it("off-site backup and Sentry settings: clear messages, parsed bucket and prefix", () => {
    const dir = emptyDir();
    const parse = (extra: Record<string, string>) =>
      parseEnv({ ...good, MINIPORTAL_DATA_DIR: dir, ...extra } as unknown as NodeJS.ProcessEnv);
    expect(() => parse({ MINIPORTAL_BACKUP_S3_URL: "https://bucket" })).toThrow(
      /MINIPORTAL_BACKUP_S3_URL must look like s3:\/\/bucket\/prefix/,
    );
    expect(() => parse({ MINIPORTAL_BACKUP_KEY: "short" })).toThrow(
      /MINIPORTAL_BACKUP_KEY must be 32 random bytes in base64/,
    );
    expect(() => parse({ SENTRY_DSN: "not a url" })).toThrow(/SENTRY_DSN must be a Sentry DSN/);
    expect(() => offsiteSettings(parse({}))).toThrow(
      /MINIPORTAL_BACKUP_S3_URL is not set[\s\S]*MINIPORTAL_BACKUP_KEY is not set/,
    );
    const key = Buffer.alloc(32, 7).toString("base64");
    const s = offsiteSettings(
      parse({ MINIPORTAL_BACKUP_S3_URL: "s3://my-bucket/nightly/portal/", MINIPORTAL_BACKUP_KEY: key }),
    );
    expect(s).toMatchObject({
      bucket: "my-bucket",
      prefix: "nightly/portal",
      region: "us-east-1",
      keep: 30,
      maxAgeDays: 90,
    });
    expect(s.key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() =>
      offsiteSettings(
        parse({ MINIPORTAL_BACKUP_S3_URL: "s3://b-1/x", MINIPORTAL_BACKUP_KEY: key, AWS_ACCESS_KEY_ID: "id" }),
      ),
    ).toThrow(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together/);
  });
});

describe("server process settings", () => {
  it("defaults to one worker per usable core, followed while serving, and a 10 s stop; bad values name the variable", async () => {
    const { usableCores } = await import("@/lib/server/cpu-cores");
    const dir = emptyDir();
    const base = { ...good, MINIPORTAL_DATA_DIR: dir } as unknown as NodeJS.ProcessEnv;
    expect(parseEnv(base)).toMatchObject({
      MINIPORTAL_WORKERS: usableCores(),
      workersFollowCores: true,
      MINIPORTAL_SHUTDOWN_TIMEOUT_S: 10,
    });
    expect(parseEnv({ ...base, MINIPORTAL_WORKERS: "" })).toMatchObject({ workersFollowCores: true });
    // A count the operator sets is kept, whatever the cores.
    expect(parseEnv({ ...base, MINIPORTAL_WORKERS: "3", MINIPORTAL_SHUTDOWN_TIMEOUT_S: "25" })).toMatchObject({
      MINIPORTAL_WORKERS: 3,
      workersFollowCores: false,
      MINIPORTAL_SHUTDOWN_TIMEOUT_S: 25,
    });
    expect(() => parseEnv({ ...base, MINIPORTAL_WORKERS: "0" })).toThrow(/MINIPORTAL_WORKERS/);
    expect(() => parseEnv({ ...base, MINIPORTAL_WORKERS: "two" })).toThrow(/MINIPORTAL_WORKERS/);
    expect(() => parseEnv({ ...base, MINIPORTAL_SHUTDOWN_TIMEOUT_S: "0" })).toThrow(/MINIPORTAL_SHUTDOWN_TIMEOUT_S/);
  });
});

describe("review scheduler", () => {
  it("new students get FSRS unless MINIPORTAL_SCHEDULER says sm2; anything else names the variable", () => {
    const base = { ...good, MINIPORTAL_DATA_DIR: emptyDir() } as unknown as NodeJS.ProcessEnv;
    expect(parseEnv(base).MINIPORTAL_SCHEDULER).toBe("fsrs");
    expect(parseEnv({ ...base, MINIPORTAL_SCHEDULER: "sm2" }).MINIPORTAL_SCHEDULER).toBe("sm2");
    expect(() => parseEnv({ ...base, MINIPORTAL_SCHEDULER: "anki" })).toThrow(/MINIPORTAL_SCHEDULER/);
  });
});
