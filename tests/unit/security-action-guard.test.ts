// The proxy's server-action guard on whole requests: the Origin/Host rule Next.js
// enforces with a 500, body limits counted as the body streams, and the body
// grammar on fetch actions and on forms posted without JavaScript.
import { describe, expect, it, vi } from "vitest";
import { MAX_ACTION_BODY, actionRequestProblem, mayBeServerAction, readFormOnce } from "@/lib/security/action-guard";
import { nextActionHostMismatch } from "@/lib/security/csrf";

const ID = "7f66f2160c98f09c5cfe5c7ef3231cb8b80b2fb4f9";
const BASE = "http://127.0.0.1:3950";

function post(body: BodyInit | null, headers: Record<string, string>, id: string | null = ID): Request {
  return new Request(`${BASE}/login`, {
    method: "POST",
    body,
    headers: { host: "127.0.0.1:3950", ...(id === null ? {} : { "next-action": id }), ...headers },
    duplex: "half",
  } as RequestInit);
}

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** A body with no content-length: sent in 64 KiB chunks. */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  const part = new Uint8Array(64 * 1024).fill(120);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(part);
      sent += part.length;
    },
  });
}

const problem = (request: Request, id: string | null = ID) => actionRequestProblem(request, id, "/login");

describe("the Origin must be the host Next.js was reached as", () => {
  const h = (values: Record<string, string>) => new Headers(values);
  it("mirrors Next's rule: X-Forwarded-Host first, else Host, compared with the Origin's host", () => {
    expect(nextActionHostMismatch(h({ host: "127.0.0.1:3950", origin: BASE }))).toBe(false);
    expect(nextActionHostMismatch(h({ host: "127.0.0.1:3950" }))).toBe(false); // no Origin: not a browser
    expect(
      nextActionHostMismatch(h({ host: "127.0.0.1:3950", origin: BASE, "x-forwarded-host": "evil.example" })),
    ).toBe(true);
    expect(nextActionHostMismatch(h({ host: "127.0.0.1:3950", origin: "http://localhost:3950" }))).toBe(true);
    expect(
      nextActionHostMismatch(
        h({ host: "10.0.0.5", origin: "https://portal.example", "x-forwarded-host": "portal.example, x" }),
      ),
    ).toBe(false);
    expect(nextActionHostMismatch(h({ host: "portal.example", origin: "https://portal.example:443" }))).toBe(false);
    expect(nextActionHostMismatch(h({ host: "portal.example:443", origin: "https://portal.example" }))).toBe(true);
  });

  it("refuses such an action with a 403 before reading its body", async () => {
    const request = post("[]", { "content-type": "text/plain", origin: BASE, "x-forwarded-host": "evil.example" });
    expect(await problem(request)).toEqual({ status: 403, key: "hostMismatch" });
    const mpa = post(form([["x", "1"]]), { origin: "http://localhost:3950" }, null);
    expect(await problem(mpa, null)).toEqual({ status: 403, key: "hostMismatch" });
  });
});

describe("body size", () => {
  it("refuses a declared length over the limit, and a chunked body once it passes it", async () => {
    const declared = post("[]", { "content-type": "text/plain", "content-length": String(MAX_ACTION_BODY + 1) });
    expect(await problem(declared)).toMatchObject({ status: 413 });
    const streamed = post(chunked(MAX_ACTION_BODY + 1), { "content-type": "text/plain" });
    expect(await problem(streamed)).toMatchObject({ status: 413 });
    const mpa = post(chunked(3 * 1024 * 1024), { "content-type": "multipart/form-data; boundary=x" }, null);
    expect(await problem(mpa, null)).toMatchObject({ status: 413 });
  });

  it("reads a chunked body under the limit to its end", async () => {
    const streamed = post(chunked(1024 * 1024), { "content-type": "text/plain" });
    expect(await problem(streamed)).toEqual({ status: 400, key: "notAForm", why: "not JSON" });
  });
});

describe("fetch actions", () => {
  it("lets the browser's multipart call through", async () => {
    const body = form([
      ["_1_email", "a@b.c"],
      ["0", '[{"status":"idle"},"$K1"]'],
    ]);
    expect(await problem(post(body, { origin: BASE }))).toBeNull();
  });

  it("parses the body once: the sign-in limit reuses the fields the action check read", async () => {
    const parse = vi.spyOn(Response.prototype, "formData");
    try {
      const request = post(
        form([
          ["_1_email", "a@b.c"],
          ["0", '[{"status":"idle"},"$K1"]'],
        ]),
        { origin: BASE },
      );
      expect(await problem(request)).toBeNull();
      const read = await readFormOnce(request);
      expect(read.tooLarge ? null : read.entries?.find(([k]) => k === "_1_email")?.[1]).toBe("a@b.c");
      expect(parse).toHaveBeenCalledTimes(1);
      expect(await request.text()).toContain("a@b.c"); // Next.js still reads the request's own body
    } finally {
      parse.mockRestore();
    }
  });

  it("refuses the shapes that made Next.js answer 500", async () => {
    expect(await problem(post("[]", { "content-type": "text/plain;charset=UTF-8" }))).toMatchObject({
      status: 400,
      why: "no form",
    });
    const map = form([
      ["0", '["$undefined","$Q1"]'],
      ["1", "[]"],
    ]);
    expect(await problem(post(map, {}))).toMatchObject({ status: 400, key: "notAForm" });
    expect(await problem(post("[]", { "content-type": "application/json" }))).toMatchObject({ status: 400 });
    expect(await problem(post("[]", {}))).toMatchObject({ status: 400 }); // no type: Next reads it as text
    expect(await problem(post(new Uint8Array([0x5b, 0xff, 0x5d]), { "content-type": "text/plain" }))).toMatchObject({
      why: "not UTF-8",
    });
  });

  it("takes Multipart/… (other case) as Next.js does: not multipart", async () => {
    const body = '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--x--\r\n';
    expect(await problem(post(body, { "content-type": "Multipart/form-data; boundary=x" }))).toMatchObject({
      status: 400,
      why: "unexpected content type",
    });
  });
});

describe("forms posted without JavaScript", () => {
  it("checks only multipart posts that carry $ACTION_ fields", async () => {
    expect(mayBeServerAction("POST", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(mayBeServerAction("POST", new Headers({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
    expect(mayBeServerAction("PUT", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(false);
    expect(mayBeServerAction("PUT", new Headers({ "next-action": ID }))).toBe(true);
    expect(await problem(post(form([["email", "a@b.c"]]), {}, null), null)).toBeNull();
    const real = form([
      ["$ACTION_REF_3", ""],
      ["$ACTION_3:0", `{"id":"${ID}","bound":"$@1"}`],
      ["$ACTION_3:1", '[{"status":"idle"}]'],
      ["$ACTION_KEY", "k5b2e"],
      ["email", "a@b.c"],
    ]);
    expect(await problem(post(real, { origin: BASE }, null), null)).toBeNull();
    const hostile = form([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${ID}","bound":"$@1"}`],
      ["$ACTION_1:1", '["$Q2"]'],
    ]);
    expect(await problem(post(hostile, {}, null), null)).toMatchObject({ status: 400, key: "notAForm" });
    // Next.js parses any multipart post to a page as a possible action, and answers 500 when it cannot.
    const empty = post("", { "content-type": "multipart/form-data; boundary=x" }, null);
    expect(await problem(empty, null)).toMatchObject({ status: 400, why: "unreadable form data" });
  });
});
