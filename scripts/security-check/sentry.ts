// The Sentry tunnel (POST /monitoring/sentry, only with SENTRY_DSN): it takes
// reports only from the portal's own pages (Origin required) and not a flood of
// them (report_ip 20 per 60 s per address, report_anonymous 30 per 10 min for all
// signed-out browsers). The forged envelopes name a made-up loopback DSN, so the
// portal forwards none of them to its real Sentry.
import { randomBytes } from "node:crypto";
import { type Client, type Reply } from "./http";
import { type Outcome, outcome, skipped } from "./report";

const TUNNEL = "/monitoring/sentry";
const PER_ADDRESS = 20;

function forged(i: number): string {
  return [
    JSON.stringify({ dsn: "http://security-check@127.0.0.1:9/1", event_id: randomBytes(16).toString("hex") }),
    JSON.stringify({ type: "event" }),
    JSON.stringify({ level: "fatal", exception: { values: [{ type: "Error", value: `security-check forged ${i}` }] } }),
  ].join("\n");
}

const post = (client: Client, i: number, origin: string | null, source?: string): Promise<Reply> =>
  client.send({
    method: "POST",
    path: TUNNEL,
    headers: { "content-type": "text/plain", ...(origin ? { origin } : {}) },
    body: forged(i),
    source,
  });

/** Cheap: one report without Origin (refused before any budget is counted). Null when there is no tunnel. */
export async function sentryOrigin(client: Client): Promise<Outcome> {
  const name = "sentry tunnel: own pages only";
  const reply = await post(client, 0, null);
  if (reply.status === 404) return skipped(name, `no SENTRY_DSN (POST ${TUNNEL} answered 404)`);
  return outcome(
    name,
    null,
    `a report without Origin: ${reply.status}`,
    reply.status === 403 ? [] : [`a report without Origin answered ${reply.status || "nothing"}, not 403`],
  );
}

export async function sentryFlood(client: Client, source: string | undefined): Promise<Outcome> {
  const name = "sentry tunnel: flood";
  const spends = `report budget of ${source ?? "this address"} (report_ip) and up to ${PER_ADDRESS} of the 30 reports per 10 min all signed-out browsers share (report_anonymous)`;
  const first = await post(client, 0, null, source);
  if (first.status === 404) return skipped(name, "no SENTRY_DSN");
  const failures: string[] = [];
  const withoutOrigin = [first];
  for (let i = 1; i < 5; i++) withoutOrigin.push(await post(client, i, null, source));
  const notRefused = withoutOrigin.filter((r) => r.status !== 403).map((r) => r.status);
  if (notRefused.length)
    failures.push(`${notRefused.length} of 5 reports without Origin were not refused (${notRefused.join(",")})`);
  const statuses: number[] = [];
  for (let i = 5; i < 40; i++) statuses.push((await post(client, i, client.base.origin, source)).status);
  const firstLimited = statuses.indexOf(429);
  const passed = statuses.filter((s) => s !== 429).length;
  if (firstLimited < 0) failures.push(`none of ${statuses.length} reports with Origin met 429`);
  else if (statuses.slice(firstLimited).some((s) => s !== 429))
    failures.push(`reports passed again after the first 429: ${statuses.join(",")}`);
  if (passed > PER_ADDRESS) failures.push(`${passed} reports from one address passed, more than ${PER_ADDRESS}`);
  if (statuses.some((s) => s >= 500 || s === 0)) failures.push(`5xx or no answer: ${statuses.join(",")}`);
  return outcome(
    name,
    spends,
    `5 without Origin: ${withoutOrigin.map((r) => r.status).join(",")}; 35 with Origin: ${passed} passed, ${statuses.length - passed} got 429`,
    failures,
  );
}
