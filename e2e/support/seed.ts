// Accounts made through the portal's own lib/ functions against this worker's portal
// database — the invite, its redemption with a chosen password, a session — instead
// of through the UI, for the specs that are not about invites or signing in. The
// browser gets the session cookie the sign-in form would have set.
import { readFileSync } from "node:fs";
import type { BrowserContext } from "@playwright/test";
import { issueInvite, redeemInvite, type Role } from "../../lib/auth/invites";
import { sessionCookieName } from "../../lib/auth/cookie-names";
import { encodeSessionToken } from "../../lib/auth/session-token";
import { createSession } from "../../lib/auth/sessions";
import { createDb, type Db } from "../../lib/db/client";
import { env, resetEnvCache } from "../../lib/env";
import { type E2EState, PLANTED, SLOT } from "./server-config";

const shared = globalThis as unknown as { miniportalDb?: Db };
let portalDb: Db | null = null;

function portalEnv(): Record<string, string> {
  const state = JSON.parse(readFileSync(SLOT.stateFile, "utf8")) as E2EState;
  return {
    MINIPORTAL_DATA_DIR: SLOT.dataDir,
    DATABASE_URL: state.databaseUrl ?? `file:${SLOT.dataDir}/miniportal.db`,
    AUTH_SECRET: SLOT.env.AUTH_SECRET!,
    PORTAL_MASTER_PASS: SLOT.env.PORTAL_MASTER_PASS!,
    MINIPORTAL_BASE_URL: SLOT.baseUrl,
    MINIPORTAL_LOG_LEVEL: "silent",
    MINIPORTAL_SCHEDULER: "sm2",
  };
}

/**
 * Runs `fn` with lib/'s env() set to `vars` and db() on `client` (made for those
 * vars when not given, and closed after), then puts back what was there: other
 * helpers and specs in the same process point them at other portals.
 */
async function withLibOn<T>(vars: Record<string, string>, client: Db | null, fn: (db: Db) => Promise<T>): Promise<T> {
  const previousEnv = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const previousDb = shared.miniportalDb;
  Object.assign(process.env, vars);
  resetEnvCache();
  const db = client ?? createDb(env().databaseUrl);
  shared.miniportalDb = db;
  try {
    return await fn(db);
  } finally {
    if (!client) await db.$disconnect(); // nothing of this process may keep another portal's files open
    shared.miniportalDb = previousDb;
    for (const [k, v] of Object.entries(previousEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}

/** Runs `fn` with lib/'s db() and env() pointing at this worker's portal. */
export async function withPortalDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const vars = portalEnv();
  portalDb ??= createDb(vars.DATABASE_URL!);
  return withLibOn(vars, portalDb, fn);
}

/** The same for a portal a spec started itself on `dataDir` (with the planted secrets). */
export function withDataDirDb<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const vars = {
    MINIPORTAL_DATA_DIR: dataDir,
    DATABASE_URL: "",
    AUTH_SECRET: PLANTED.authSecret,
    PORTAL_MASTER_PASS: PLANTED.masterPass,
    MINIPORTAL_LOG_LEVEL: "silent",
    MINIPORTAL_SCHEDULER: "sm2",
  };
  return withLibOn(vars, null, fn);
}

export type SeededAccount = { userId: string; email: string; name: string; password: string };

/** An active account with `password`, invited by `invitedBy` (the admin's email) as the admin page would. */
export async function seedAccount(input: {
  email: string;
  name: string;
  password: string;
  role?: Role;
  invitedBy?: string;
}): Promise<SeededAccount> {
  return withPortalDb(async (db) => {
    const actor = input.invitedBy ? await db.user.findUnique({ where: { email: input.invitedBy } }) : null;
    const invite = await issueInvite({
      email: input.email,
      name: input.name,
      role: input.role ?? "student",
      actorId: actor?.id ?? null,
    });
    const redeemed = await redeemInvite({ token: invite.token, password: input.password });
    if (!redeemed.ok) throw new Error(`seeding ${input.email}: the invite was refused (${redeemed.kind})`);
    return { userId: redeemed.userId, email: invite.email, name: invite.name, password: input.password };
  });
}

/** Signs `context` in as the account: a new session row and the cookie naming it, as the sign-in form makes them. */
export async function signInContext(context: BrowserContext, email: string): Promise<void> {
  const cookie = await withPortalDb(async (db) => {
    const user = await db.user.findUnique({ where: { email } });
    if (!user || user.status !== "active") throw new Error(`signing in ${email}: no active account`);
    const session = await createSession(user.id);
    return {
      name: sessionCookieName(),
      value: await encodeSessionToken({ sub: user.id, sid: session.sid, sv: user.sessionVersion }, session.expiresAt),
      expires: Math.floor(session.expiresAt.getTime() / 1000),
    };
  });
  await context.addCookies([
    {
      name: cookie.name,
      value: cookie.value,
      url: SLOT.baseUrl,
      httpOnly: true,
      sameSite: "Lax",
      expires: cookie.expires,
    },
  ]);
}

/**
 * A session cookie this portal can decode, naming a session that does not exist:
 * unsafe requests spend its write budget (keyed on the session id), pages refuse it.
 */
export async function unknownSessionCookie(label: string): Promise<string> {
  return withPortalDb(async () => {
    const token = await encodeSessionToken(
      { sub: label, sid: `${label}-${Date.now()}`, sv: 0 },
      new Date(Date.now() + 3600_000),
    );
    return `${sessionCookieName()}=${token}`;
  });
}

/** Sets an account's own time zone (as its /account form would), or back to the cohort's with null. */
export async function setAccountZone(email: string, timeZone: string | null): Promise<void> {
  await withPortalDb((db) => db.user.update({ where: { email }, data: { timeZone } }));
}
