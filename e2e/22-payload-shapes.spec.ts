// Issue 23, item 6: server-action payload shapes an anonymous client chose to make
// Next.js answer 500 (and page the operator) are refused with a 4xx and a readable
// message; the shapes real browsers send still pass. Abuse traffic goes to
// http://[::1]:port so its rate-limit keys do not touch the other specs' 127.0.0.1.
import { request as httpRequest } from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { delta, scrapeMetrics } from "./support/metrics";
import { E2E_BASE_URL, E2E_PORT } from "./support/server-config";
import { IPV6_BASE_URL, action } from "./20-security-helpers";
import { limit } from "./support/time-limits";

test.describe.configure({ timeout: limit(180_000) });

type Sent = { status: number; body: string };

/** A POST with exactly these headers (Host included); `chunks` go out without a content-length. */
function send(path: string, headers: Record<string, string>, body: Buffer | string, chunked = false): Promise<Sent> {
  const bytes = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "::1",
        port: E2E_PORT,
        method: "POST",
        path,
        headers: {
          host: `[::1]:${E2E_PORT}`,
          ...headers,
          ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(bytes.length) }),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    for (let i = 0; i < bytes.length; i += 64 * 1024) req.write(bytes.subarray(i, i + 64 * 1024));
    req.end();
  });
}

/** A multipart body in the given field order, as bytes plus its content type. */
async function multipart(fields: [string, string][]): Promise<{ type: string; body: Buffer }> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  const encoded = new Request("http://x", { method: "POST", body: form });
  return { type: encoded.headers.get("content-type")!, body: Buffer.from(await encoded.arrayBuffer()) };
}

const serverErrors = async (request: APIRequestContext) =>
  (await scrapeMetrics(request))
    .filter((s) => s.name === "portal_server_errors_total")
    .reduce((sum, s) => sum + s.value, 0);

test("hostile action payloads get a 4xx with a message, never a 5xx; the browsers' shapes pass", async ({
  request,
}) => {
  const login = action("loginAction");
  const locale = action("switchLocaleAction");
  const logout = action("logoutAction");
  const fetchAction = (id: string) => ({ accept: "text/x-component", "next-action": id, origin: IPV6_BASE_URL });
  const text = { "content-type": "text/plain;charset=UTF-8" };
  const mp = async (id: string, fields: [string, string][], extra: Record<string, string> = {}) => {
    const { type, body } = await multipart(fields);
    return send("/login", { ...fetchAction(id), "content-type": type, ...extra }, body);
  };
  const big = "x".repeat(1.5 * 1024 * 1024);
  const before = await serverErrors(request);
  const metricsBefore = await scrapeMetrics(request);

  const notAForm = /not a form this portal sends/;
  const refused: [string, () => Promise<Sent>, number, RegExp][] = [
    ["text/plain []", () => send("/login", { ...fetchAction(login.id), ...text }, "[]"), 400, notAForm],
    [
      "X-Forwarded-Host other than the Origin",
      () => send("/login", { ...fetchAction(login.id), ...text, "x-forwarded-host": "evil.example" }, '["$K1"]'),
      403,
      /address/,
    ],
    [
      "Origin the base URL, Host another",
      () => send("/login", { ...fetchAction(login.id), ...text, origin: E2E_BASE_URL }, '["$K1"]'),
      403,
      /address/,
    ],
    [
      "a form post without JavaScript, X-Forwarded-Host other than the Origin",
      () =>
        multipart([[`$ACTION_ID_${logout.id}`, ""]]).then(({ type, body }) =>
          send(
            "/login",
            {
              "content-type": type,
              origin: IPV6_BASE_URL,
              "x-forwarded-host": "evil.example",
              accept: "text/html",
            },
            body,
          ),
        ),
      403,
      /address/,
    ],
    ["text/plain of 1.5 MiB", () => send("/login", { ...fetchAction(login.id), ...text }, `["${big}"]`), 400, notAForm],
    [
      "a chunked body of 3 MiB",
      () => send("/login", { ...fetchAction(login.id), ...text }, `["${big}${big}"]`, true),
      413,
      /too large/,
    ],
    [
      "a Map ($Q1)",
      () =>
        mp(login.id, [
          ["0", '["$undefined","$Q1"]'],
          ["1", "[]"],
        ]),
      400,
      notAForm,
    ],
    [
      "a server reference ($h1)",
      () =>
        mp(login.id, [
          ["0", '["$undefined","$h1"]'],
          ["1", `{"id":"${login.id}","bound":null}`],
        ]),
      400,
      notAForm,
    ],
    ["a Blob ($B1)", () => mp(login.id, [["0", '["$undefined","$B1"]']]), 400, notAForm],
    [
      "a path reference ($1:__proto__:then)",
      () =>
        mp(login.id, [
          ["0", '["$undefined","$1:__proto__:then"]'],
          ["1", "{}"],
        ]),
      400,
      notAForm,
    ],
    ["a missing chunk 1", () => mp(login.id, [["0", '["$undefined","$1"]']]), 400, notAForm],
    [
      "a non-JSON chunk 1",
      () =>
        mp(login.id, [
          ["0", '["$undefined","$1"]'],
          ["1", "{not json"],
        ]),
      400,
      notAForm,
    ],
    [
      "a 5000-deep chunk 1",
      () =>
        mp(login.id, [
          ["0", '["$undefined","$1"]'],
          ["1", "[".repeat(5000) + "]".repeat(5000)],
        ]),
      400,
      notAForm,
    ],
    [
      "100 000 arguments",
      () => send("/login", { ...fetchAction(login.id), ...text }, JSON.stringify(Array(100_000).fill(0))),
      400,
      notAForm,
    ],
    [
      "an empty multipart post (Next.js cannot parse it)",
      () => send("/login", { "content-type": "multipart/form-data; boundary=x", accept: "application/json" }, ""),
      400,
      notAForm,
    ],
    [
      "a form post without JavaScript whose bound arguments hold a Map",
      () =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${locale.id}","bound":"$@1"}`],
          ["$ACTION_1:1", '["$Q2"]'],
        ]).then(({ type, body }) => send("/login", { "content-type": type, accept: "application/json" }, body)),
      400,
      notAForm,
    ],
    [
      "a form post without JavaScript without its bound arguments",
      () =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${locale.id}","bound":"$@1"}`],
        ]).then(({ type, body }) => send("/login", { "content-type": type, accept: "application/json" }, body)),
      400,
      notAForm,
    ],
  ];
  const failures: string[] = [];
  for (const [label, sent, status, message] of refused) {
    const r = await sent();
    if (r.status !== status) failures.push(`${label}: ${r.status} instead of ${status} (${r.body.slice(0, 120)})`);
    else if (!message.test(r.body)) failures.push(`${label}: no readable message (${r.body.slice(0, 120)})`);
  }

  // What browsers send: a useActionState form, a plain <form action>, a form without JavaScript,
  // and a body between Next's default limit (1 MB) and the portal's (2 MiB), streamed.
  const idle = '[{"status":"idle"},"$K1"]';
  const passed: [string, () => Promise<Sent>][] = [
    [
      "useActionState",
      () =>
        mp(locale.id, [
          ["_1_locale", "en"],
          ["0", idle],
        ]),
    ],
    [
      "a previous state with a date",
      () =>
        mp(locale.id, [
          ["_1_locale", "en"],
          ["0", '[{"status":"success","data":{"expiresAt":"$D2026-12-13T02:40:45.367Z"},"message":"$$1"},"$K1"]'],
        ]),
    ],
    ["<form action>", () => mp(logout.id, [["0", '["$K1"]']])],
    [
      "a form without JavaScript",
      () =>
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${locale.id}","bound":"$@1"}`],
          ["$ACTION_1:1", '[{"status":"idle"}]'],
          ["$ACTION_KEY", "k0123"],
          ["locale", "en"],
        ]).then(({ type, body }) =>
          send("/login", { "content-type": type, origin: IPV6_BASE_URL, accept: "text/html" }, body),
        ),
    ],
    [
      "1.5 MiB, chunked",
      () =>
        multipart([
          ["_1_locale", big],
          ["0", idle],
        ]).then(({ type, body }) => send("/login", { ...fetchAction(locale.id), "content-type": type }, body, true)),
    ],
  ];
  for (const [label, sent] of passed) {
    const r = await sent();
    if (r.status >= 400) failures.push(`${label}: refused with ${r.status} (${r.body.slice(0, 120)})`);
  }

  expect(failures).toEqual([]);
  expect(await serverErrors(request)).toBe(before);
  // The Origin/Host refusals count as cross-site refusals.
  expect(delta(metricsBefore, await scrapeMetrics(request), "portal_csrf_blocks_total")).toBe(3);
});
