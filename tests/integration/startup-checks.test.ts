// What npm start and npm run db:migrate say about a data dir they cannot or must
// not use, through the real commands (node --import tsx, as package.json runs them):
// each ends in one line that names the path and what to do. The in-use checks run
// against a lock holder and against a real running portal (tests/integration/real-portal.ts).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatabaseFiles, createDatabaseFile, prepareDataDir } from "@/lib/server/data-dir";
import {
  HAS_BUILD,
  type RealPortal,
  freePort,
  health,
  runCommand,
  startRealPortal,
  waitUntilServing,
} from "./real-portal";

const root = path.resolve(".");
// No useTestDb: these are data dirs and database files the commands must refuse or
// create (missing, locked, unwritable), made by hand so each fault is exactly one.
const base = mkdtempSync(path.join(tmpdir(), "mp-startup-"));
chmodSync(base, 0o755); // others (the unprivileged user below) may enter
const secrets = {
  AUTH_SECRET: "startup-checks-auth-secret-0123456789abcdef",
  PORTAL_MASTER_PASS: "startup-checks-master-pass",
};
afterAll(() => rmSync(base, { recursive: true, force: true }));

function command(script: string, dataDir: string, extra: { uid?: number; gid?: number } = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, ...secrets, MINIPORTAL_DATA_DIR: dataDir, PORT: "3399", DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
    ...extra,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}
const start = (dataDir: string, extra?: { uid?: number; gid?: number }) => command("scripts/start.ts", dataDir, extra);

/**
 * Another process that holds the data dir's lock as a running portal does: it drops
 * the returned handle, as start-portal.ts does, and forces a full garbage collection
 * (which closed an unreferenced lock connection, and with it the lock) before saying so.
 */
async function holder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      "-e",
      `const m = await import(${JSON.stringify(path.join(root, "lib/server/data-dir.ts"))}); m.lockDataDir(${JSON.stringify(dataDir)}, "npm start", ""); ` +
        `for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 20)); globalThis.gc(); } console.log("locked"); setInterval(() => {}, 1000);`,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) =>
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()),
  );
  return child;
}

describe("starting on a data dir", () => {
  it("a second start on a data dir in use (its lock held past a garbage collection) ends with one line naming it and the running one", async () => {
    const dataDir = path.join(base, "in-use");
    mkdirSync(dataDir);
    const running = await holder(dataDir);
    try {
      const second = start(dataDir);
      expect(second.status).toBe(1);
      expect(second.out).toMatch(
        new RegExp(
          `The data dir ${dataDir} is in use by npm start \\(pid ${running.pid}, since [^;]+; to stop it: kill ${running.pid}\\)\\. Stop that Miniportal first`,
        ),
      );
      expect(second.out).not.toMatch(/SocketTimeout|unknown variant/);
      const migrate = command("scripts/migrate.ts", dataDir);
      expect(migrate.status).toBe(1);
      expect(migrate.out).toMatch(/is in use by npm start \(pid \d+.*\)\. Stop it before running npm run db:migrate/);
      expect(existsSync(path.join(dataDir, "miniportal.db"))).toBe(false); // nothing was touched
    } finally {
      running.kill("SIGKILL");
    }
  });

  it("refuses a fresh install where secrets.json says there was one", () => {
    const dataDir = path.join(base, "lost-db");
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, "secrets.json"), JSON.stringify(secrets), { mode: 0o600 });
    const result = start(dataDir);
    expect(result.status).toBe(1);
    expect(result.out).toContain(
      `The database ${path.join(dataDir, "miniportal.db")} is missing, but ${dataDir} holds an existing install (secrets.json)`,
    );
    expect(result.out).toMatch(
      /Restore a backup \(npm run restore -- <file>.*or to start fresh move the old files away first/,
    );
    expect(readdirSync(dataDir).filter((f) => f.startsWith("miniportal.db"))).toEqual([]);
  });

  it.runIf(process.getuid?.() === 0)("names a data dir or database this user cannot write, and the permission", () => {
    const nobody = { uid: 65534, gid: 65534 };
    const dataDir = path.join(base, "root-only");
    mkdirSync(dataDir, { mode: 0o755 });
    const dir = start(dataDir, nobody);
    expect(dir.status).toBe(1);
    expect(dir.out).toContain(
      `The data dir ${dataDir} is not writable by this user (uid 65534): it needs read, write and execute permission`,
    );

    const owned = path.join(base, "nobody-owned");
    mkdirSync(owned, { mode: 0o700 });
    writeFileSync(path.join(owned, "miniportal.db"), "");
    chmodSync(path.join(owned, "miniportal.db"), 0o644); // root's file, read-only for nobody
    spawnSync("chown", ["65534:65534", owned]);
    const file = start(owned, nobody);
    expect(file.status).toBe(1);
    expect(file.out).toContain(
      `The database file ${path.join(owned, "miniportal.db")} is not writable by this user (uid 65534): it needs read and write permission`,
    );
  });
});

// Against a running `npm start`: the lock is the portal's for its whole life, and a
// second command is refused before it migrates, imports or issues an invite.
describe.runIf(HAS_BUILD)("a second command on a running portal's data dir", () => {
  const dataDir = path.join(base, "live");
  let portal: RealPortal | undefined;
  afterAll(async () => {
    await portal?.stop();
  });

  const invites = () => {
    const sqlite = new Database(path.join(dataDir, "miniportal.db"), { readonly: true });
    try {
      return sqlite.prepare('SELECT id, "revokedAt" AS revoked FROM "Invite" ORDER BY id').all();
    } finally {
      sqlite.close();
    }
  };

  it("is refused without waiting, naming the portal's pid and how to stop it, and changes nothing", async () => {
    const port = await freePort();
    portal = startRealPortal(dataDir, port);
    await waitUntilServing(portal);
    const link = portal.invitePath();
    expect(link, "the first start printed an admin invite").toBeTruthy();
    const before = invites();
    expect(before).toHaveLength(1);
    const inUse = new RegExp(
      `The data dir ${dataDir} is in use by npm start \\(pid ${portal.pid}, since [^;]+; to stop it: kill ${portal.pid}\\)\\.`,
    );

    for (const [what, otherPort] of [
      ["another port", await freePort()],
      ["the same port", port],
    ] as const) {
      // Exit status 1 of its own (a command left waiting for the lock is killed at 30 s: no status);
      // no wall-clock bound, which a loaded machine's tsx start-up alone can exceed.
      const second = runCommand("scripts/start.ts", dataDir, otherPort, 30_000);
      expect(second.status, `${what}: ${second.out}`).toBe(1);
      expect(second.out).toMatch(inUse);
      expect(second.out, `${what}: refused before any step`).not.toMatch(/Migrating|Importing|No admin yet|\/invite\//);
    }
    const migrate = runCommand("scripts/migrate.ts", dataDir, port, 30_000);
    expect(migrate.status, migrate.out).toBe(1);
    expect(migrate.out).toMatch(inUse);
    expect(migrate.out).toContain("Stop it before running npm run db:migrate");
    expect(migrate.out).not.toContain("up to date");

    expect(invites(), "no invite issued or withdrawn").toEqual(before);
    const page = await fetch(`${portal.base}${link}`);
    expect(page.status, "the first portal's admin invite link still opens").toBe(200);
    expect(await health(portal.base)).toBe(true);
  });
});

describe("data dir permissions", () => {
  it("tightens an existing data dir to 0700 and the database files to 0600", () => {
    const dataDir = path.join(base, "loose");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, "miniportal.db");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (v)");
    const reader = new Database(file); // keeps -wal and -shm in place
    reader.prepare("SELECT 1").get();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);

    prepareDataDir(dataDir);
    checkDatabaseFiles(file);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    reader.close();
    db.close();

    const fresh = path.join(base, "fresh", "miniportal.db");
    createDatabaseFile(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
  });
});
