// A bounded, loopback-only security check of a RUNNING portal (not part of
// `npm test`: it takes minutes). See docs/security.md, "Security check".
//
//   SECURITY_CHECK_COOKIE='miniportal.session=…' SECURITY_CHECK_STUDENT='email:password' \
//     npm run security:check -- --url http://127.0.0.1:3000 [--minutes 4] [--skip-scanners | --skip-tools] [--app-dir .]
//
// Credentials come from the environment or --cookie-file / --student-file, never
// from the command line (npm prints it). Cheap probes first (they spend no
// rate-limit budget), then — unless --skip-scanners — the probes that spend
// budget, sqlmap and wapiti through a loopback-only guard proxy, and last the
// cookie-spelling probe (it blocks the session's writes for a minute).
import { discoverActions } from "./security-check/actions";
import { cookieVariants } from "./security-check/cookie-variants";
import { hostileRequests } from "./security-check/hostile";
import { httpClient, sourceAddresses } from "./security-check/http";
import { lockoutProbe } from "./security-check/lockout";
import { parseOptions } from "./security-check/options";
import { payloadShapes } from "./security-check/payload-shapes";
import { type Outcome, outcome, printOutcome, printSummary, say } from "./security-check/report";
import { requestIds } from "./security-check/request-ids";
import { sentryFlood, sentryOrigin } from "./security-check/sentry";
import { sqlmap } from "./security-check/sqlmap";
import { wapiti } from "./security-check/wapiti";

const started = Date.now();
const options = parseOptions();
const client = httpClient(options.base);

async function usableSource(fresh: (() => string) | null): Promise<(() => string) | null> {
  if (!fresh) return null;
  const probe = await client.send({ path: "/health", source: fresh() });
  if (probe.status === 200) return fresh;
  say(`  note: cannot connect from 127.x.y.z (${probe.error ?? probe.status}): budget probes use this address`);
  return null;
}

async function main(): Promise<void> {
  const health = await client.send({ path: "/health" });
  if (health.status !== 200) {
    console.error(
      `No ready portal at ${options.base.origin} (/health answered ${health.status || "nothing"}). Start it first (npm start).`,
    );
    process.exit(2);
  }
  say(`Security check of ${options.base.origin}${options.skipScanners ? " (cheap probes only)" : ""}`);
  say(
    `  signed-in cookie: ${options.cookieFrom ? `from ${options.cookieFrom} (not shown)` : "none (SECURITY_CHECK_COOKIE)"}`,
  );
  say(
    `  student account: ${options.studentFrom ? `from ${options.studentFrom} (password not shown)` : "none (SECURITY_CHECK_STUDENT)"}`,
  );
  const actions = await discoverActions(client, options.appDir, options.cookie);
  say(
    `  server actions: ${actions.list.length} from ${actions.from}; sign-in ${actions.login ? "found" : "NOT found"}`,
  );
  const source = await usableSource(sourceAddresses(options.base));

  const outcomes: Outcome[] = [];
  const record = (o: Outcome) => {
    outcomes.push(o);
    printOutcome(o);
  };
  say("\nCheap probes (no rate-limit budget spent):");
  record(await hostileRequests(client));
  record(await payloadShapes(client, actions.list));
  record(await requestIds(client));
  record(await sentryOrigin(client));

  if (!options.skipScanners) {
    say("\nProbes that spend rate-limit budget (each says what):");
    record(await lockoutProbe(client, actions, options.student, source?.()));
    record(await sentryFlood(client, source?.()));
    if (!options.skipTools) {
      say(`\nScanners (at most ${options.budgetSeconds / 60} min each, loopback guard):`);
      record(await sqlmap(options.base, actions, options.cookie, source, options.budgetSeconds));
      record(await wapiti(client, actions, options.cookie, source, options.budgetSeconds));
    }
    record(await cookieVariants(client, options.cookie));
  }

  const after = await client.send({ path: "/health" });
  record(
    outcome(
      "portal ready afterwards",
      null,
      `/health ${after.status || "no answer"}`,
      after.status === 200 ? [] : [`/health answered ${after.status || "nothing"} after the check`],
    ),
  );
  printSummary(outcomes, (Date.now() - started) / 1000);
  process.exit(outcomes.some((o) => o.verdict === "fail") ? 1 : 0);
}

await main();
