// Small builders for integration tests: real rows through the real lib/ functions,
// in the database useTestDb installed.
import { issueInvite, redeemInvite } from "@/lib/auth/invites";
import type { SessionUser } from "@/lib/auth/session-user";

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
  };
  return { ...sessionUser, password, user: sessionUser };
}
