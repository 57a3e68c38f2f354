// The four SLOs of docs/slo.md evaluated on one run, from the server's
// histograms and counters (what the alerts see) with the client's view beside them.
import type { RouteStats } from "./recorder";
import type { ServerDelta } from "./server-metrics";

export type Verdict = { name: string; target: string; server: string; client: string; pass: boolean };

const ms = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${Math.round(v)} ms`);
const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(2)} %`);

export function evaluateSlos(input: {
  client: RouteStats[];
  server: ServerDelta | null;
  invitesAttempted: number;
  invitesRedeemed: number;
  clientRequests: number;
}): Verdict[] {
  const c = (route: string) => input.client.find((r) => r.route === route);
  const s = (key: string) => input.server?.routes.find((r) => r.key === key);
  const verdicts: Verdict[] = [];

  const loginServer = s("POST /login")?.p95;
  const loginClient = c("POST /login")?.p95;
  const login = loginServer !== undefined && loginServer !== null ? loginServer * 1000 : loginClient;
  verdicts.push({
    name: "login p95",
    target: "< 500 ms",
    server: ms(loginServer === undefined || loginServer === null ? null : loginServer * 1000),
    client: ms(loginClient),
    pass: login !== null && login !== undefined && login < 500,
  });

  const meServer = s("GET /me")?.p99;
  const meClient = c("GET /me")?.p99;
  const me = meServer !== undefined && meServer !== null ? meServer * 1000 : meClient;
  verdicts.push({
    name: "/me p99",
    target: "< 200 ms",
    server: ms(meServer === undefined || meServer === null ? null : meServer * 1000),
    client: ms(meClient),
    pass: me !== null && me !== undefined && me < 200,
  });

  const invTotal = input.server ? input.server.invitesOk + input.server.invitesFailed : 0;
  const invServer = invTotal > 0 ? input.server!.invitesOk / invTotal : null;
  const invClient = input.invitesAttempted > 0 ? input.invitesRedeemed / input.invitesAttempted : null;
  const inv = invServer ?? invClient;
  verdicts.push({
    name: "invite success",
    target: "> 99.9 %",
    server: pct(invServer),
    client: pct(invClient),
    pass: inv !== null && inv > 0.999,
  });

  const errServer =
    input.server && input.server.requests > 0 ? input.server.serverErrors / input.server.requests : null;
  const clientErrors = input.client.reduce((a, r) => a + r.errors, 0);
  const errClient = input.clientRequests > 0 ? clientErrors / input.clientRequests : null;
  const err = errServer ?? errClient;
  verdicts.push({
    name: "error ratio (5xx)",
    target: "< 1 %",
    server: pct(errServer),
    client: `${pct(errClient)} (any failed step)`,
    pass: err !== null && err < 0.01,
  });
  return verdicts;
}
