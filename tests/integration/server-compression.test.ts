// lib/server/compression.ts on a real socket, with a handler that writes as Next
// does (small chunks, res.flush() after each): the answer is compressed as one
// piece (as small as the same bytes gzipped whole), what is streamed later still
// arrives before the end, backpressure holds for a large body, and plain clients,
// small answers and clients that leave are served as before.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants as zlibConstants,
  createBrotliDecompress,
  createGunzip,
  gzipSync,
} from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import pino from "pino";
import { installHttpObserver, shareForwardMarker } from "@/lib/observability/http-observer";
import { createRouteMatcher } from "@/lib/observability/route-templates";
import { withCompression } from "@/lib/server/compression";

type Flushable = http.ServerResponse & { flush?: () => void };
const PAGE = Array.from({ length: 600 }, (_, i) => `<li class="row">Card ${i}: ${"due ".repeat(i % 7)}</li>`).join("");

const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function serve(handler: (req: http.IncomingMessage, res: Flushable) => void | Promise<void>): Promise<number> {
  const server = http.createServer(withCompression((req, res) => void handler(req, res)));
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** Writes `text` in ~1 KB chunks, flushing after each, a microtask apart: one render's worth, as Next streams it. */
async function writeLikeNext(res: Flushable, text: string): Promise<void> {
  for (let i = 0; i < text.length; i += 1024) {
    res.write(text.slice(i, i + 1024));
    res.flush?.();
    await Promise.resolve();
  }
}

type Answer = { status: number; encoding: string | undefined; vary: string | undefined; wire: number; body: string };

function get(
  port: number,
  acceptEncoding: string | null,
  onText?: (text: string, ms: number) => void,
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding ? { "accept-encoding": acceptEncoding } : {};
    http
      .get({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
        let wire = 0;
        res.on("data", (d: Buffer) => (wire += d.length));
        const encoding = res.headers["content-encoding"];
        const decoded =
          encoding === "gzip" ? res.pipe(createGunzip()) : encoding === "br" ? res.pipe(createBrotliDecompress()) : res;
        let body = "";
        decoded.on("data", (d: Buffer) => {
          body += d.toString("utf8");
          onText?.(body, Date.now() - started);
        });
        decoded.on("end", () => resolve({ status: res.statusCode ?? 0, encoding, vary: res.headers.vary, wire, body }));
        decoded.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("response compression of npm start's workers", () => {
  it("compresses a page streamed in small flushed chunks as one piece, gzip or brotli as the client asks", async () => {
    const port = await serve(async (_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.flushHeaders();
      await writeLikeNext(res, PAGE);
      res.end();
    });
    const gzip = await get(port, "gzip");
    expect(gzip).toMatchObject({ status: 200, encoding: "gzip", body: PAGE });
    expect(gzip.vary).toMatch(/accept-encoding/i);
    // One sync flush per chunk made the answer far larger than the bytes gzipped whole.
    expect(gzip.wire).toBeLessThan(gzipSync(PAGE, { level: 4 }).length * 1.05);
    const br = await get(port, "gzip, deflate, br");
    expect(br).toMatchObject({ status: 200, encoding: "br", body: PAGE });
    expect(br.wire).toBeLessThan(gzip.wire * 1.05);
  });

  it("still sends what is streamed before a pause at once, not at the end", async () => {
    const port = await serve(async (_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.flushHeaders();
      await writeLikeNext(res, `<main>${PAGE.slice(0, 4000)}`);
      await new Promise((r) => setTimeout(r, 400)); // a Suspense boundary waiting for its data
      await writeLikeNext(res, `${PAGE.slice(4000)}</main>`);
      res.end();
    });
    let firstPartAt = Number.NaN;
    const answer = await get(port, "gzip", (text, ms) => {
      if (Number.isNaN(firstPartAt) && text.length >= 4000 + "<main>".length) firstPartAt = ms;
    });
    expect(answer.body).toBe(`<main>${PAGE}</main>`);
    expect(firstPartAt).toBeLessThan(300);
  });

  it("uses a 256 KB brotli window, not the 4 MB default, and the page comes out as small", async () => {
    const port = await serve(async (_req, res) => {
      res.setHeader("content-type", "text/x-component");
      await writeLikeNext(res, PAGE);
      res.end();
    });
    const raw = await new Promise<Buffer>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path: "/", headers: { "accept-encoding": "br" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => chunks.push(d));
          res.on("end", () => resolve(Buffer.concat(chunks)));
        })
        .on("error", reject);
    });
    // The window's size is in a brotli stream's first bits (RFC 7932, section 9.1).
    const bits = raw[0]! | (raw[1]! << 8);
    const n = (bits >> 1) & 7;
    const windowBits = (bits & 1) === 0 ? 16 : n !== 0 ? 17 + n : 17;
    expect(windowBits).toBe(18);
    expect(brotliDecompressSync(raw).toString()).toBe(PAGE);
    const defaultWindow = brotliCompressSync(PAGE, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(raw.length).toBeLessThan(defaultWindow.length * 1.02);
  });

  it("keeps backpressure for a large body: every byte arrives, in order", async () => {
    const block = Buffer.from(PAGE.repeat(2));
    const port = await serve(async (_req, res) => {
      res.setHeader("content-type", "text/plain");
      for (let i = 0; i < 200; i++) if (!res.write(block)) await new Promise((r) => res.once("drain", r as () => void));
      res.end();
    });
    const answer = await get(port, "gzip");
    const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
    expect(answer.encoding).toBe("gzip");
    expect(answer.body.length).toBe(block.length * 200);
    expect(sha(answer.body)).toBe(sha(Buffer.concat(Array.from({ length: 200 }, () => block))));
  });

  it("answers plain clients and small answers uncompressed, and survives a client that leaves mid-answer", async () => {
    let finished = 0;
    const port = await serve(async (req, res) => {
      res.setHeader("content-type", "text/html");
      if (req.headers["x-small"]) return void res.end("<p>ok</p>");
      await writeLikeNext(res, PAGE);
      await new Promise((r) => setTimeout(r, 100));
      await writeLikeNext(res, PAGE);
      res.end(() => finished++);
    });
    expect(await get(port, null)).toMatchObject({ encoding: undefined, body: PAGE + PAGE });
    const small = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: "127.0.0.1", port, headers: { "accept-encoding": "gzip", "x-small": "1" } }, resolve),
    );
    expect(small.headers["content-encoding"]).toBeUndefined();
    small.resume();

    await new Promise<void>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, headers: { "accept-encoding": "gzip" } }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    // The server is still up and whole after the client left.
    expect(await get(port, "gzip")).toMatchObject({ status: 200, encoding: "gzip", body: PAGE + PAGE });
    expect(finished).toBeGreaterThanOrEqual(1);
  });

  it("answers Next's own fetch of a redirect's target plain: only the client's answer is compressed", async () => {
    const marker = "forward-marker-of-this-test-0123";
    shareForwardMarker(marker);
    const stop = installHttpObserver({
      matcher: createRouteMatcher([]),
      metrics: null,
      log: pino({ level: "silent" }),
    });
    try {
      const port = await serve(async (_req, res) => {
        res.setHeader("content-type", "text/x-component");
        await writeLikeNext(res, PAGE);
        res.end();
      });
      const ask = (headers: Record<string, string>) =>
        new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
          http
            .get(
              { host: "127.0.0.1", port, headers: { "accept-encoding": "gzip, deflate, br", ...headers } },
              (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (d: Buffer) => chunks.push(d));
                res.on("end", () =>
                  resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks).toString("utf8") }),
                );
              },
            )
            .on("error", reject);
        });
      // Next forwards the action request's headers, the observer's marker among them, from loopback.
      expect(await ask({ "x-miniportal-forward": marker })).toEqual({ encoding: undefined, body: PAGE });
      // A client cannot claim it: without the marker, or with another, the answer is compressed.
      expect((await ask({})).encoding).toBe("br");
      expect((await ask({ "x-miniportal-forward": "guessed" })).encoding).toBe("br");
    } finally {
      stop();
    }
  });
});
