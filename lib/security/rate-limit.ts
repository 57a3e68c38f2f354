// Rate limits (rate-limiter-flexible). One limiter per policy, kept on globalThis
// so proxy.ts, server actions and route handlers share the counters. Memory store
// by default; Redis when REDIS_URL is set, with an in-memory insurance limiter so
// a Redis outage degrades to per-process limits instead of failing requests.
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../env";

export type LimitScope = "ip" | "account" | "session";

export type LimitPolicy = { name: string; scope: LimitScope; points: number; durationSeconds: number; blockSeconds: number };

export const POLICIES = {
  /** Failed sign-ins per client address: the 11th within a minute is refused. */
  loginIp: { name: "login_ip", scope: "ip", points: 10, durationSeconds: 60, blockSeconds: 60 },
  /** Failed sign-ins per account from anywhere: stops a password spray spread over many addresses. */
  loginAccount: { name: "login_account", scope: "account", points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Failed invite redemptions per client address. */
  inviteIp: { name: "invite_ip", scope: "ip", points: 10, durationSeconds: 60, blockSeconds: 60 },
  /** Writes (server action and route handler POSTs) per session. */
  writeSession: { name: "write_session", scope: "session", points: 120, durationSeconds: 60, blockSeconds: 60 },
} as const satisfies Record<string, LimitPolicy>;

export type PolicyName = keyof typeof POLICIES;

type Store = { kind: "memory" | "redis"; url: string | null; limiters: Map<PolicyName, RateLimiterAbstract>; redis: Redis | null };
const globalForLimits = globalThis as unknown as { miniportalRateLimits?: Store };

function createStore(): Store {
  const url = env().REDIS_URL ?? null;
  const redis = url
    ? // Commands wait for the connection briefly, then fail over to the insurance limiter.
      new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000 })
    : null;
  // ioredis reports connection errors as events; the insurance limiter covers them.
  redis?.on("error", () => undefined);
  return { kind: redis ? "redis" : "memory", url, limiters: new Map(), redis };
}

function store(): Store {
  globalForLimits.miniportalRateLimits ??= createStore();
  return globalForLimits.miniportalRateLimits;
}

function limiter(name: PolicyName): RateLimiterAbstract {
  const s = store();
  let existing = s.limiters.get(name);
  if (!existing) {
    const p = POLICIES[name];
    const base = { keyPrefix: `miniportal:rl:${p.name}`, points: p.points, duration: p.durationSeconds, blockDuration: p.blockSeconds };
    existing = s.redis
      ? new RateLimiterRedis({ ...base, storeClient: s.redis, insuranceLimiter: new RateLimiterMemory(base) })
      : new RateLimiterMemory(base);
    s.limiters.set(name, existing);
  }
  return existing;
}

export function rateLimitStoreKind(): "memory" | "redis" {
  return store().kind;
}

/** Keys never carry raw emails or tokens into Redis or logs. */
export function limitKey(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url").slice(0, 22);
}

export type LimitDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number; scope: LimitScope };

function blocked(name: PolicyName, res: RateLimiterRes): LimitDecision {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), scope: POLICIES[name].scope };
}

/** Whether the key is already over its limit, without spending a point. */
export async function peekLimit(name: PolicyName, key: string): Promise<LimitDecision> {
  const res = await limiter(name).get(key).catch(() => null);
  if (res && res.consumedPoints > POLICIES[name].points - 1 && res.msBeforeNext > 0) return blocked(name, res);
  return { ok: true, remaining: POLICIES[name].points - (res?.consumedPoints ?? 0) };
}

/** Spends a point; refused when the key has none left. */
export async function consumeLimit(name: PolicyName, key: string): Promise<LimitDecision> {
  try {
    const res = await limiter(name).consume(key);
    return { ok: true, remaining: res.remainingPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return blocked(name, error);
    return { ok: true, remaining: 0 }; // a store error with no insurance: let the request through
  }
}

/** Counts a failure (a wrong password, a bad invite) against the key. */
export async function recordFailure(name: PolicyName, key: string): Promise<void> {
  await consumeLimit(name, key);
}

export async function clearLimit(name: PolicyName, key: string): Promise<void> {
  await limiter(name).delete(key).catch(() => undefined);
}

/** For tests: forget every counter and the store (REDIS_URL may have changed). */
export async function resetRateLimits(): Promise<void> {
  const s = globalForLimits.miniportalRateLimits;
  globalForLimits.miniportalRateLimits = undefined;
  if (s?.redis) s.redis.disconnect();
}
