// A throwaway PostgreSQL cluster of a test's own (initdb in a temp dir, its own
// port and socket), so the test can stop and start it for real without touching
// the server other tests share. Needs root (to run the server as `postgres`) and
// the PostgreSQL server binaries; tests skip themselves without (canRunPostgres).
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../ops/prometheus-local";

function binDir(): string | null {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const candidates = [
    fromConfig.status === 0 ? fromConfig.stdout.trim() : "",
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  return (
    candidates.find((dir) => dir && existsSync(path.join(dir, "pg_ctl")) && existsSync(path.join(dir, "initdb"))) ??
    null
  );
}

function postgresUid(): { uid: number; gid: number } | null {
  const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  return id.status === 0 && gid.status === 0 ? { uid: Number(id.stdout), gid: Number(gid.stdout) } : null;
}

export function canRunPostgres(): boolean {
  return process.getuid?.() === 0 && binDir() !== null && postgresUid() !== null;
}

export type PrivatePostgres = {
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  stop(): void;
  start(): void;
  dispose(): void;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir()!;
  const owner = postgresUid()!;
  const base = mkdtempSync(path.join(tmpdir(), "miniportal-pg-"));
  chownSync(base, owner.uid, owner.gid);
  const data = path.join(base, "data");
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) => {
    const r = spawnSync("runuser", ["-u", "postgres", "--", path.join(bin, command), ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr || r.stdout}`);
  };
  asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => asPostgres("pg_ctl", ["-D", data, "-o", options, "-l", path.join(base, "log"), "-w", "start"]);
  const stop = () => asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  start();
  let running = true;
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      stop();
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    dispose: () => {
      if (running) stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
