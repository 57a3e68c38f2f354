// One session, many spellings (issue 23): the JWE decoder accepts a "%20" inside a
// segment (the cookie parser turns it into a space, base64 skips it) and "="
// padding, and a write limit keyed on the cookie's text gave each spelling a
// budget of its own. 130 unsafe requests with different spellings of the same
// session cookie: at most 120 (write_session, per 60 s) may pass, the rest must
// be 429. Spends that session's write budget: its writes are refused for up to
// a minute afterwards, so this probe runs last.
import { type Client, header, inPool } from "./http";
import { type Outcome, addSecret, outcome, skipped } from "./report";

const REQUESTS = 130;
const LIMIT = 120;
/** Unsafe but harmless: the proxy counts the write, then the path is not found. */
const WRITE_PATH = "/security-check/write-probe";

function sessionPair(cookie: string): { name: string; value: string; rest: string } | null {
  const parts = cookie.split(";").map((p) => p.trim());
  const i = parts.findIndex((p) => /^(__Host-)?miniportal\.session=/.test(p));
  const pair = parts[i];
  if (pair === undefined) return null;
  const eq = pair.indexOf("=");
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), rest: parts.filter((_, j) => j !== i).join("; ") };
}

/** Up to `count` spellings: "%20" at different places in the 4th JWE segment, "=" padding on the last. */
function spellings(token: string, count: number): string[] {
  const segments = token.split(".");
  const cipher = segments[3];
  if (segments.length !== 5 || !cipher) return [];
  const out: string[] = [];
  for (let pad = 1; pad <= 2; pad++) out.push(`${token}${"=".repeat(pad)}`);
  for (let at = 1; at < cipher.length && out.length < count; at++) {
    const s = [...segments];
    s[3] = `${cipher.slice(0, at)}%20${cipher.slice(at)}`;
    out.push(s.join("."));
  }
  return out.slice(0, count);
}

export async function cookieVariants(client: Client, cookie: string | null): Promise<Outcome> {
  const name = "session cookie spellings";
  if (!cookie) return skipped(name, "needs SECURITY_CHECK_COOKIE (a signed-in session)");
  const session = sessionPair(cookie);
  if (!session)
    return outcome(name, null, "no miniportal.session in the cookie given", ["no session cookie to respell"]);
  const signedIn = async (value: string) => {
    const header = [`${session.name}=${value}`, session.rest].filter(Boolean).join("; ");
    return (await client.send({ path: "/account", headers: { cookie: header } })).status === 200;
  };
  if (!(await signedIn(session.value)))
    return outcome(name, null, "the cookie given is not a live session", [
      "GET /account with the cookie given is not signed in: give a fresh SECURITY_CHECK_COOKIE",
    ]);
  const all = spellings(session.value, REQUESTS + 2);
  for (const s of all) addSecret(s);
  // Only spellings the portal authenticates can test the limit (an unauthenticated write has no session budget).
  const padOk = all[0] ? await signedIn(all[0]) : false;
  const spaceOk = all[2] ? await signedIn(all[2]) : false;
  const usable = all.filter((s) => (s.endsWith("=") ? padOk : spaceOk)).slice(0, REQUESTS);
  if (usable.length < LIMIT + 1)
    return outcome(
      name,
      null,
      `the portal authenticates only ${usable.length} spellings of one session`,
      [],
      ["too few accepted spellings to exceed the limit: nothing to multiply"],
    );
  const write = async (value: string) => {
    const headerValue = [`${session.name}=${value}`, session.rest].filter(Boolean).join("; ");
    return client.send({
      method: "POST",
      path: WRITE_PATH,
      headers: { origin: client.base.origin, "content-type": "text/plain", cookie: headerValue },
      body: "security-check",
    });
  };
  // Earlier writes of this session (the scanners') may have spent the window: wait for a fresh one,
  // else "0 passed" would prove nothing.
  const notes: string[] = [];
  const first = await write(session.value);
  const wait = Number(header(first, "retry-after"));
  if (first.status === 429 && wait > 0 && wait <= 65) {
    notes.push(`waited ${wait} s for the session's write window to reopen`);
    await new Promise((r) => setTimeout(r, wait * 1000 + 1000));
  }
  const statuses = await inPool(usable, 4, async (value) => (await write(value)).status);
  const passed = statuses.filter((s) => s !== 429 && s > 0 && s < 500).length;
  const limited = statuses.filter((s) => s === 429).length;
  const broken = statuses.filter((s) => s === 0 || s >= 500).length;
  const failures: string[] = [];
  if (passed > LIMIT)
    failures.push(`${passed} of ${usable.length} spellings of one session passed the write limit of ${LIMIT}`);
  if (broken) failures.push(`${broken} answered 5xx or not at all`);
  return outcome(
    name,
    `the session's write budget (write_session: ${LIMIT} per 60 s): its writes are refused for up to a minute`,
    `${usable.length} writes with ${usable.length} spellings: ${passed} passed, ${limited} got 429`,
    failures,
    notes,
  );
}
