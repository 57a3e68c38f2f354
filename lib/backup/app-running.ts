// Is the portal still using the database? A restore must not swap the file under
// a running server: it would keep writing to the replaced file (open file
// descriptors follow the inode) and every later write would be lost.
//
// Two independent checks:
//  1. Processes holding the database, its -wal or its -shm open (Linux /proc;
//     the server opens the file on its first query and keeps it open).
//  2. A Miniportal answering /health on the configured port on loopback, which
//     also catches a server that has not touched the database yet.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { Db } from "../db/client";
import { sidecarsOf } from "./target";

export type Holder = { pid: number; command: string };

/** Processes (other than this one) with the file or its WAL sidecars open. Empty when /proc is unavailable. */
export function processesHolding(file: string): Holder[] {
  const wanted = new Set([file, ...sidecarsOf(file)]);
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const holders: Holder[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or it just exited
    }
    const holds = fds.some((fd) => {
      try {
        return wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let command = "?";
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 120);
    } catch {
      // exited meanwhile
    }
    holders.push({ pid: Number(pid), command });
  }
  return holders;
}

/** True when a Miniportal answers /health on 127.0.0.1:<port>. */
export async function portalAnswersOn(port: number, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as { live?: unknown };
    return body.live === true;
  } catch {
    return false;
  }
}

export type RunningCheck = { running: false } | { running: true; reasons: string[] };

export async function detectRunningPortal(file: string, port: number): Promise<RunningCheck> {
  const reasons = processesHolding(file).map((h) => `process ${h.pid} has the database open (${h.command})`);
  if (await portalAnswersOn(port)) reasons.push(`a Miniportal answers http://127.0.0.1:${port}/health (PORT=${port})`);
  return reasons.length ? { running: true, reasons } : { running: false };
}

/**
 * Other sessions on this PostgreSQL database (not this query's own). Called before
 * the script opens more connections, so its pool holds just the one asking.
 */
export async function otherPostgresSessions(client: { $queryRaw: Db["$queryRaw"] }): Promise<number> {
  const rows = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
  return rows[0]?.n ?? 0;
}
