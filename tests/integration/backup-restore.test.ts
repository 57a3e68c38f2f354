// npm run backup / npm run restore and the lib behind them, on real SQLite files:
// verified online backups with retention, restores that keep the replaced
// database aside, and every refusal (no confirmation, running portal, bad file,
// PostgreSQL URL).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@/lib/backup/create-backup";
import { inspectDatabaseFile } from "@/lib/backup/inspect";
import { processesHolding } from "@/lib/backup/app-running";
import { restoreBackup } from "@/lib/backup/restore";
import { listBackups } from "@/lib/backup/retention";
import { syncCourse } from "@/lib/content/sync";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";
import { freePort } from "../ops/prometheus-local";

const t = useTestDb();
let backupsDir: string;
beforeAll(async () => {
  backupsDir = path.join(t.dir, "backups");
  await syncCourse();
  await createActiveUser();
});

const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

/** Permission bits of a file or directory, as ls -l shows them (0o600, 0o700, …). */
const modeOf = (file: string) => statSync(file).mode & 0o777;

/** Runs one of the npm scripts' entry points against the test database. */
function cli(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
    env: { ...process.env, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // no TTY, as under cron or CI
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("backup", () => {
  it("writes a verified, timestamped, self-contained copy with the source's rows", async () => {
    const progress: number[] = [];
    const result = await createBackup({
      source: t.file,
      dir: backupsDir,
      keep: 5,
      pagesPerStep: 5,
      onProgress: (p) => progress.push(p.remainingPages),
    });
    expect(path.basename(result.file)).toMatch(/^miniportal-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.db$/);
    expect(progress.at(-1)).toBe(0);
    expect(progress.length).toBeGreaterThan(2); // several steps: the app runs between them
    const copy = inspectDatabaseFile(result.file);
    expect(copy.integrity).toBe("ok");
    expect(copy.counts).toEqual(result.counts);
    expect(copy.counts.User).toBe(1);
    expect(copy.counts.Card).toBeGreaterThan(0);
    // A single file: rollback journal, no WAL needed to read it.
    const sqlite = new Database(result.file, { readonly: true });
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("delete");
    sqlite.close();
    expect(existsSync(`${result.file}-wal`)).toBe(false);
  });

  it("keeps only the newest N backups and never touches other files", async () => {
    writeFileSync(path.join(backupsDir, "notes.txt"), "operator's notes");
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await createBackup({
        source: t.file,
        dir: backupsDir,
        keep: 3,
        now: new Date(Date.UTC(2030, 0, 1, 0, 0, i)),
      });
      made.push(r.file);
    }
    expect(listBackups(backupsDir)).toEqual(made.slice(-3).reverse());
    expect(readdirSync(backupsDir)).toContain("notes.txt");
  });

  it("npm run backup prints progress, the verification and the path, honouring --keep", () => {
    const run = cli("backup", ["--keep", "2"]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/copied 100% of \d+ pages/);
    expect(run.out).toMatch(/✓ verified: integrity_check ok, \d+ rows match the source/);
    const printed = run.out.trim().split("\n").at(-1)!;
    expect(path.dirname(printed)).toBe(path.join(t.dir, "backups"));
    expect(existsSync(printed)).toBe(true);
    expect(listBackups(backupsDir)).toHaveLength(2);
  });

  it("backups, the directories made for them and the copy in progress are private (0600/0700)", async () => {
    const dir = path.join(t.dir, "private", "nested");
    const inProgress: number[] = [];
    const result = await createBackup({
      source: t.file,
      dir,
      keep: 5,
      pagesPerStep: 5,
      onProgress: (p) => {
        if (p.remainingPages === 0) return;
        const partial = readdirSync(dir).find((n) => n.endsWith(".partial"));
        inProgress.push(partial ? modeOf(path.join(dir, partial)) : -1);
      },
    });
    expect(inProgress.length).toBeGreaterThan(0);
    expect(new Set(inProgress)).toEqual(new Set([0o600]));
    expect(modeOf(result.file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.dirname(dir))).toBe(0o700);
    // A directory the operator made is theirs (a shared mount, say): only what the backup writes is tightened.
    const own = path.join(t.dir, "operator-dir");
    mkdirSync(own);
    chmodSync(own, 0o755);
    expect(modeOf((await createBackup({ source: t.file, dir: own, keep: 5 })).file)).toBe(0o600);
    expect(modeOf(own)).toBe(0o755);
  });

  it("npm run backup -- --dir writes a 0600 file into a new 0700 directory", () => {
    const dir = path.join(t.dir, "cli-private", "backups");
    const run = cli("backup", ["--dir", dir]);
    expect(run.status, run.out).toBe(0);
    const printed = run.out.trim().split("\n").at(-1)!;
    expect(path.dirname(printed)).toBe(dir);
    expect(modeOf(printed)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.dirname(dir))).toBe(0o700);
    expect(readdirSync(dir)).toEqual([path.basename(printed)]);
  });

  it("npm run backup rejects a bad --keep, and names the problem with an unreachable PostgreSQL database", () => {
    expect(cli("backup", ["--keep", "0"]).out).toMatch(/--keep must be a whole number of at least 1/);
    const pg = cli("backup", [], { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/no_such_miniportal_db" });
    expect(pg.status).toBe(1);
    // "does not exist" where the server runs, "ECONNREFUSED" where none does: either way, named.
    expect(pg.out).toMatch(
      /Backup of the PostgreSQL database failed: (database "no_such_miniportal_db" does not exist|.*ECONNREFUSED)/,
    );
  });
});

describe("restore", () => {
  it("swaps the backup in and keeps the replaced database and its WAL aside", async () => {
    const dir = path.join(t.dir, "restore-1");
    mkdirSync(dir);
    const target = path.join(dir, "miniportal.db");
    const { file: backup } = await createBackup({ source: t.file, dir: backupsDir, keep: 10 });
    // An existing database with a different content, in WAL mode with a live -wal.
    const old = new Database(target);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE marker (v TEXT); INSERT INTO marker VALUES ('the old one')");
    const reader = new Database(target); // keeps the WAL from being checkpointed away on close
    reader.prepare("SELECT 1").get();
    old.close();

    // Our own handle is not another process: the restore may proceed.
    const port = await freePort();
    const result = await restoreBackup({ backup, target, port, now: new Date(Date.UTC(2030, 5, 1)) });
    reader.close();
    expect(result.keptAside[0]).toBe(`${target}.replaced-2030-06-01T00-00-00.000Z`);
    const aside = new Database(result.keptAside[0]!, { readonly: true });
    expect(aside.prepare("SELECT v FROM marker").pluck().get()).toBe("the old one");
    aside.close();
    const restored = inspectDatabaseFile(target);
    expect(restored.integrity).toBe("ok");
    expect(restored.counts).toEqual(inspectDatabaseFile(backup).counts);
    const sqlite = new Database(target, { readonly: true });
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    sqlite.close();
    // Nothing of the prepared copy is left behind (it used to leave its -wal and -shm).
    expect(readdirSync(dir).filter((n) => n.includes("restoring"))).toEqual([]);
    // The restored database is as private as the backup (and SQLite gives its WAL the same mode).
    expect(modeOf(target)).toBe(0o600);
  });

  it("refuses while another process has the database open, and changes nothing", async () => {
    const { file: backup } = await createBackup({ source: t.file, dir: backupsDir, keep: 10 });
    const target = path.join(t.dir, "busy.db");
    const seed = new Database(target);
    seed.exec("CREATE TABLE marker (v TEXT)");
    seed.close();
    const holder: ChildProcess = spawn(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3"); const d=new D(${JSON.stringify(target)}); d.prepare("SELECT 1").get(); console.log("open"); setInterval(()=>{}, 1000)`,
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
      expect(processesHolding(target).map((h) => h.pid)).toContain(holder.pid);
      await expect(restoreBackup({ backup, target, port: await freePort() })).rejects.toThrow(
        new RegExp(`still running[\\s\\S]*process ${holder.pid} has the database open`),
      );
      expect(inspectDatabaseFile(target).counts).toEqual({ marker: 0 });
      expect(readdirSync(t.dir).filter((n) => n.startsWith("busy.db.replaced") || n.includes("restoring"))).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  it("rejects a file that is not a Miniportal SQLite database", async () => {
    const junk = path.join(t.dir, "junk.db");
    writeFileSync(junk, "definitely not sqlite ".repeat(300));
    await expect(
      restoreBackup({ backup: junk, target: path.join(t.dir, "x.db"), port: await freePort() }),
    ).rejects.toThrow(/not a readable SQLite database/);
    const other = path.join(t.dir, "other.db");
    const o = new Database(other);
    o.exec("CREATE TABLE t (x)");
    o.close();
    await expect(
      restoreBackup({ backup: other, target: path.join(t.dir, "x.db"), port: await freePort() }),
    ).rejects.toThrow(/not a Miniportal one/);
  });

  it("npm run restore refuses without a terminal or --yes, then restores with --yes", async () => {
    const dir = path.join(t.dir, "restore-cli");
    mkdirSync(dir);
    const target = path.join(dir, "miniportal.db");
    const { file: backup } = await createBackup({ source: t.file, dir: backupsDir, keep: 10 });
    const env = { DATABASE_URL: `file:${target}`, PORT: String(await freePort()) };

    const refused = cli("restore", [backup], env);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/Refusing to restore without confirmation: no terminal to ask on\. Pass --yes/);
    expect(existsSync(target)).toBe(false);

    expect(cli("restore", [], env).out).toMatch(
      /Usage: npm run restore -- <backup file \| s3:\/\/bucket\/key> \[--yes\]/,
    );

    const done = cli("restore", [backup, "--yes"], env);
    expect(done.status, done.out).toBe(0);
    expect(done.out).toContain(`✓ restored ${target}`);
    expect(inspectDatabaseFile(target).counts).toEqual(inspectDatabaseFile(backup).counts);
    expect(modeOf(target)).toBe(0o600);
  });
});
