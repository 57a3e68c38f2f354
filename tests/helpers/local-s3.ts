// A real S3 service (s3rver) on loopback for the off-site backup tests, the
// environment that points npm run backup / restore at it, and a way to run those
// scripts as a timer does (no TTY).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { env, offsiteSettings, resetEnvCache, type OffsiteSettings } from "@/lib/env";
import { freePort } from "../ops/prometheus-local";

export const BUCKET = "miniportal-backups";

export type LocalS3 = {
  endpoint: string;
  /** MINIPORTAL_BACKUP_* and AWS_* for a fresh operator key. */
  env: Record<string, string>;
  /** The settings lib/env.ts derives from `env` (installed into process.env), with overrides. */
  settings: (overrides?: Partial<OffsiteSettings>) => OffsiteSettings;
  close: () => Promise<void>;
};

export async function startLocalS3(prefix: string): Promise<LocalS3> {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-s3rver-"));
  const port = await freePort();
  const s3 = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  await s3.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const vars = {
    MINIPORTAL_BACKUP_S3_URL: `s3://${BUCKET}/${prefix}`,
    MINIPORTAL_BACKUP_S3_ENDPOINT: endpoint,
    MINIPORTAL_BACKUP_KEY: randomBytes(32).toString("base64"),
    AWS_ACCESS_KEY_ID: "S3RVER", // s3rver's fixed credentials; it checks the signature
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
  };
  return {
    endpoint,
    env: vars,
    settings: (overrides = {}) => {
      Object.assign(process.env, vars);
      resetEnvCache();
      return { ...offsiteSettings(env()), ...overrides };
    },
    close: async () => {
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

/** Runs scripts/<script>.ts (no TTY, as under a timer). Async: s3rver answers from this process. */
export function runCli(
  script: string,
  args: string[],
  extraEnv: Record<string, string>,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
      env: { ...process.env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (status) => resolve({ status, out }));
  });
}
