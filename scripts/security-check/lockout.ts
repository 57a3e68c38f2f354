// Lockout by a stranger (issue 23): ten wrong passwords for one address, then the
// eleventh is refused for at most the documented 15-minute block (the old code
// answered Retry-After: 7775919, the consecutive-failure window of 90 days). The
// sign-in form's own action is refused inside the form, which keeps the typed email
// (issue 25): 200 with Retry-After and no redirect; any other request gets 429. With a student account, the owner signs in first (keeping the device
// cookie the portal sets), and after the stranger's guesses — from the same
// address, as on a school network — still gets in at once.
import { randomBytes } from "node:crypto";
import { type Actions, signOutOn } from "./actions";
import { type Client, type Reply, formActionBody, header, multipart, setCookies } from "./http";
import type { Student } from "./options";
import { type Outcome, addSecret, outcome, skipped } from "./report";

const BLOCK_SECONDS = 15 * 60;

const redirectOf = (r: Reply) => header(r, "x-action-redirect") ?? header(r, "location") ?? "";
const describe = (r: Reply) =>
  `${r.status || `no answer (${r.error})`}${header(r, "retry-after") ? `, Retry-After ${header(r, "retry-after")}` : ""}`;

export async function lockoutProbe(
  client: Client,
  actions: Actions,
  student: Student | null,
  source: string | undefined,
): Promise<Outcome> {
  const name = "lockout by a stranger";
  const login = actions.login;
  if (!login) return skipped(name, "no sign-in action found");
  const email = student?.email ?? `security-check-${randomBytes(6).toString("hex")}@example.invalid`;
  const spends =
    `sign-in budget of ${source ?? "this address"} (login_ip, login_ip_day, login_account_ip)` +
    (student ? `; 10 of ${email}'s 100 daily guesses from new browsers (login_account)` : "; a made-up account's");
  const signIn = (password: string, cookie?: string) => {
    const { type, body } = formActionBody({ email, password });
    return client.send({
      method: "POST",
      path: login.path,
      headers: {
        accept: "text/x-component",
        "next-action": login.id,
        origin: client.base.origin,
        "content-type": type,
        ...(cookie ? { cookie } : {}),
      },
      body,
      source,
    });
  };
  const failures: string[] = [];
  const notes: string[] = [];
  const sessions: string[] = [];
  let device: string | null = null;
  const keep = (reply: Reply) => {
    for (const [k, v] of setCookies(reply)) {
      addSecret(v);
      if (k.endsWith("miniportal.device")) device = `${k}=${v}`;
      if (k.endsWith("miniportal.session") && v) sessions.push(`${k}=${v}`);
    }
  };

  if (student) {
    const first = await signIn(student.password);
    keep(first);
    if (!redirectOf(first).startsWith("/me"))
      return outcome(name, spends, "the student could not sign in before the test", [
        `${email}'s own sign-in answered ${describe(first)} (is SECURITY_CHECK_STUDENT right, is its budget spent?)`,
      ]);
    if (!device) notes.push("the portal set no device cookie on sign-in");
  }

  for (let i = 1; i <= 10; i++) {
    const guess = await signIn(`security-check wrong ${i} ${randomBytes(4).toString("hex")}`);
    if (guess.status !== 200 || redirectOf(guess)) {
      failures.push(`wrong password ${i} of 10 answered ${describe(guess)}, not the form's "do not match"`);
      break;
    }
  }
  const eleventh = await signIn("security-check wrong 11");
  const retryAfter = Number(header(eleventh, "retry-after"));
  const refused = eleventh.status === 429 || (eleventh.status === 200 && retryAfter > 0 && !redirectOf(eleventh));
  if (!refused)
    failures.push(
      `the 11th wrong password answered ${describe(eleventh)}, not refused (429, or the form with Retry-After)`,
    );
  else if (!(retryAfter > 0 && retryAfter <= BLOCK_SECONDS))
    failures.push(`the 11th wrong password: Retry-After ${header(eleventh, "retry-after")}, not 1–${BLOCK_SECONDS} s`);

  let summary = `11th guess ${describe(eleventh)}`;
  if (student) {
    const owner = await signIn(student.password, device ?? undefined);
    keep(owner);
    summary += `; the owner's browser afterwards: ${redirectOf(owner) || describe(owner)}`;
    if (!redirectOf(owner).startsWith("/me"))
      failures.push(`the owner, from their own browser on the same address, was refused: ${describe(owner)}`);
    notes.push(await signOutAll(client, actions, sessions, source));
  } else notes.push("a made-up account (set SECURITY_CHECK_STUDENT to test the owner's browser too)");
  return outcome(name, spends, summary, failures, notes);
}

/** Signs the probe's own student sessions out, as the header's Sign out button does. */
async function signOutAll(client: Client, actions: Actions, sessions: string[], source?: string): Promise<string> {
  let done = 0;
  for (const cookie of sessions) {
    const page = await client.send({ path: "/me", headers: { cookie } });
    const id = signOutOn(page.body) ?? actions.signOut?.id;
    if (!id) continue;
    const { type, body } = multipart([[`$ACTION_ID_${id}`, ""]]);
    const reply = await client.send({
      method: "POST",
      path: "/me",
      headers: { origin: client.base.origin, "content-type": type, cookie },
      body,
      source,
    });
    if (reply.status < 400) done++;
  }
  return `signed out ${done} of the probe's ${sessions.length} student session(s)`;
}
