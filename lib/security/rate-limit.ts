// Rate limits (rate-limiter-flexible). One limiter per policy, kept on globalThis
// so proxy.ts, server actions and route handlers share them.
//
// Where the counters live (docs/security.md, "Rate-limit store"):
// - no REDIS_URL: a SQLite file of their own in the data dir (ratelimits.db),
//   opened by every server worker process, so a limit is counted once per server
//   whatever worker a request lands on; no primary process is involved. An
//   in-memory limiter insures against a failing file (disk full, unreadable).
// - REDIS_URL: Redis (shared by several instances). While Redis is down or slow
//   the local store above takes over at once (no offline queue, short command
//   timeout); the outage is logged once each way and shown by a gauge.
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { env } from "../env";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { limitKey } from "./limit-key";
import { POLICIES, type LimitScope, type PolicyName } from "./policies";

export { POLICIES, limitKey, type LimitScope, type PolicyName };

/** A Redis command slower than this is answered by the local store instead. */
export const REDIS_COMMAND_TIMEOUT_MS = 300;
const REDIS_WATCHDOG_MS = 1000;
export const RATE_LIMIT_FILE = "ratelimits.db";
const TABLE = "rate_limits";

export type StoreKind = "local" | "redis";
export type StoreState = { kind: StoreKind; redis: "up" | "down" | "connecting" | null };

type Store = {
  kind: StoreKind;
  /** Null while the file cannot be opened (a read-only or full data dir): counted in memory meanwhile. */
  sqlite: Database.Database | null;
  /** When to try opening the file again. */
  sqliteRetryAt: number;
  redis: Redis | null;
  redisState: "up" | "down" | "connecting";
  limiters: Map<PolicyName, RateLimiterAbstract>;
  /** Set when the store is dropped: its connection's last events are not news. */
  closed?: boolean;
};
const globalForLimits = globalThis as unknown as { miniportalRateLimits?: Store };

function openLocalFile(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(/* turbopackIgnore: true */ dataDir, RATE_LIMIT_FILE);
  closeSync(openSync(file, "a", 0o600)); // created private; SQLite gives -wal/-shm the same mode
  const sqlite = new Database(file, { timeout: 5000 });
  try {
    // Counters need atomic updates across processes, not durability across power loss.
    whileBusy(() => sqlite.pragma("journal_mode = WAL"));
    sqlite.pragma("synchronous = NORMAL");
    const table = `CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`;
    whileBusy(() => sqlite.prepare(table).run());
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Workers starting together open the file at once, and switching it to WAL takes
 * a lock SQLite's busy timeout does not wait for (SQLITE_BUSY at once, measured:
 * 3 of 90 concurrent first opens). A store that failed to open would let that
 * request through uncounted, so the setup steps wait their turn (up to ~2 s).
 */
function whileBusy<T>(step: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return step();
    } catch (error) {
      if ((error as { code?: unknown }).code !== "SQLITE_BUSY" || attempt >= 100) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function setRedisState(s: Store, next: "up" | "down"): void {
  const previous = s.redisState;
  if (previous === next || s.closed) return;
  s.redisState = next;
  metrics().rateLimitStoreUp.set({ store: "redis" }, next === "up" ? 1 : 0);
  // One line each way, not one per failed command or reconnect attempt.
  if (next === "down") {
    logger().warn(
      { event: "rate_limit.store_down", store: "redis" },
      "Redis is unreachable: rate limits are counted in the local store until it is back",
    );
  } else if (previous === "down") {
    logger().warn(
      { event: "rate_limit.store_up", store: "redis" },
      "Redis is back: rate limits are counted in Redis again",
    );
  }
}

function connectRedis(s: Store, url: string): Redis {
  const redis = new Redis(url, {
    // Fail at once while disconnected (the local store answers) instead of queueing.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(250 * attempt, 2000),
  });
  redis.on("ready", () => setRedisState(s, "up"));
  redis.on("close", () => setRedisState(s, "down"));
  redis.on("error", () => undefined); // reported through "close" above, once
  // A Redis that hangs (stopped, overloaded) keeps its TCP connection: every
  // command would wait out its timeout. A ping that times out drops the
  // connection instead, so the local store answers at once until Redis answers again.
  // Two missed pings in a row, so one slow moment on a busy machine is not an outage.
  let missed = 0;
  const watchdog = setInterval(() => {
    if (redis.status !== "ready") return;
    redis.ping().then(
      () => (missed = 0),
      () => ++missed >= 2 && redis.status === "ready" && ((missed = 0), redis.disconnect(true)),
    );
  }, REDIS_WATCHDOG_MS);
  watchdog.unref();
  redis.once("end", () => clearInterval(watchdog));
  return redis;
}

const SQLITE_RETRY_MS = 30_000;

/**
 * Opens (or reopens) the local file. A data dir that cannot take it (read-only,
 * full) must not fail the request that asked: this worker counts in memory until
 * the file opens, and says so once.
 */
function openLocal(s: Store): void {
  if (s.sqlite || Date.now() < s.sqliteRetryAt) return;
  try {
    s.sqlite = openLocalFile(env().dataDir);
    s.limiters.clear(); // rebuilt on the file
    metrics().rateLimitStoreUp.set({ store: "local" }, 1);
  } catch (error) {
    if (s.sqliteRetryAt === 0)
      logger().error(
        {
          event: "rate_limit.store_failed",
          operation: "open",
          store: "local",
          error: error instanceof Error ? error.message : String(error),
        },
        `${RATE_LIMIT_FILE} cannot be opened: this worker counts rate limits in memory until it can`,
      );
    s.sqliteRetryAt = Date.now() + SQLITE_RETRY_MS;
    metrics().rateLimitStoreUp.set({ store: "local" }, 0);
  }
}

function createStore(): Store {
  const e = env();
  const s: Store = {
    kind: e.REDIS_URL ? "redis" : "local",
    sqlite: null,
    sqliteRetryAt: 0,
    redis: null,
    redisState: "connecting",
    limiters: new Map(),
  };
  openLocal(s);
  if (e.REDIS_URL) s.redis = connectRedis(s, e.REDIS_URL);
  return s;
}

function store(): Store {
  globalForLimits.miniportalRateLimits ??= createStore();
  openLocal(globalForLimits.miniportalRateLimits);
  return globalForLimits.miniportalRateLimits;
}

function limiter(name: PolicyName): RateLimiterAbstract {
  const s = store();
  let existing = s.limiters.get(name);
  if (!existing) {
    const p = POLICIES[name];
    const base = {
      keyPrefix: `miniportal:rl:${p.name}`,
      points: p.points,
      duration: p.durationSeconds,
      blockDuration: p.blockSeconds,
    };
    const local = s.sqlite
      ? new RateLimiterSQLite({
          ...base,
          storeClient: s.sqlite,
          storeType: "better-sqlite3",
          tableName: TABLE,
          tableCreated: true,
          insuranceLimiter: new RateLimiterMemory(base),
        })
      : new RateLimiterMemory(base);
    existing = s.redis
      ? new RateLimiterRedis({ ...base, storeClient: s.redis, rejectIfRedisNotReady: true, insuranceLimiter: local })
      : local;
    s.limiters.set(name, existing);
  }
  return existing;
}

export function rateLimitStoreKind(): StoreKind {
  return store().kind;
}

/** For readiness and the ops page: which store counts, and whether Redis answers. */
export function rateLimitStoreState(): StoreState {
  const s = store();
  return { kind: s.kind, redis: s.redis ? s.redisState : null };
}

export type LimitDecision =
  { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; scope: LimitScope };

function blocked(name: PolicyName, res: RateLimiterRes): LimitDecision {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), scope: POLICIES[name].scope };
}

function storeFailed(operation: string, name: PolicyName, error: unknown): void {
  logger().error({
    event: "rate_limit.store_failed",
    operation,
    policy: POLICIES[name].name,
    error: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Whether the key's next point would be refused, without spending one (proxy.ts's
 * early answer). A key that is full but not yet blocked is blocked now: otherwise
 * the refusal would last as long as the key's window (90 days for consecutive
 * failures) instead of the policy's block, since the action that would have
 * started the block never runs.
 */
export async function peekLimit(name: PolicyName, key: string): Promise<LimitDecision> {
  const policy = POLICIES[name];
  const lim = limiter(name);
  const res = await lim.get(key).catch((error: unknown) => (storeFailed("get", name, error), null));
  if (!res || res.consumedPoints < policy.points || res.msBeforeNext <= 0) {
    return { ok: true, remaining: policy.points - (res?.consumedPoints ?? 0) };
  }
  if (res.consumedPoints === policy.points || res.msBeforeNext > policy.blockSeconds * 1000) {
    const started = await lim
      .block(key, policy.blockSeconds)
      .catch((error: unknown) => (storeFailed("block", name, error), null));
    return blocked(name, started ?? new RateLimiterRes(0, policy.blockSeconds * 1000));
  }
  return blocked(name, res);
}

/** Spends a point; refused when the key has none left. Atomic in every store. */
export async function consumeLimit(name: PolicyName, key: string): Promise<LimitDecision> {
  try {
    const res = await limiter(name).consume(key);
    return { ok: true, remaining: res.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return blocked(name, error);
    storeFailed("consume", name, error);
    return { ok: true, remaining: 0 }; // every store and its insurance failed: let the request through
  }
}

/** Gives a point back (the attempt it paid for succeeded). */
export async function rewardLimit(name: PolicyName, key: string): Promise<void> {
  await limiter(name)
    .reward(key)
    .catch((error: unknown) => storeFailed("reward", name, error));
}

export async function clearLimit(name: PolicyName, key: string): Promise<void> {
  await limiter(name)
    .delete(key)
    .catch((error: unknown) => storeFailed("delete", name, error));
}

/** For tests: forget the store (REDIS_URL or the data dir may have changed). Counters on disk stay. */
export async function resetRateLimits(): Promise<void> {
  const s = globalForLimits.miniportalRateLimits;
  globalForLimits.miniportalRateLimits = undefined;
  if (s) s.closed = true;
  s?.redis?.disconnect(false);
  s?.sqlite?.close();
}
