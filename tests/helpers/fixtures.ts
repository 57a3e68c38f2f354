// Small builders for integration tests: real rows through the real lib/ functions,
// in the database useTestDb installed.
import { issueInvite, redeemInvite } from "@/lib/auth/invites";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import type { TestDb } from "./test-db";

let counter = 0;

export async function createActiveUser(
  role: "student" | "admin" = "student",
  password = "a long enough passphrase here",
) {
  counter++;
  const email = `${role}${counter}-${Date.now()}@example.org`;
  const invite = await issueInvite({ email, name: `${role} ${counter}`, role, actorId: null });
  const result = await redeemInvite({ token: invite.token, password });
  if (!result.ok) throw new Error(`could not redeem test invite: ${result.kind}`);
  const sessionUser: SessionUser = {
    id: result.userId,
    email,
    name: `${role} ${counter}`,
    role,
    sessionId: "test-session",
    locale: null,
    timeZone: "UTC",
  };
  return { ...sessionUser, password, user: sessionUser };
}

/** Imports the sample course and returns one phase's card ids in course order. */
export async function syncedPhaseCardIds(t: TestDb, number = 1): Promise<string[]> {
  await syncCourse();
  const phase = await t.db.phase.findFirstOrThrow({
    where: { number },
    include: { cards: { orderBy: { position: "asc" } } },
  });
  return phase.cards.map((c) => c.id);
}
