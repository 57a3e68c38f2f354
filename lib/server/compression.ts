// Response compression for `npm start`'s workers, in place of Next's own
// (next.config.ts sets `compress: false`): the same `compression` middleware and
// negotiation (brotli or gzip when the browser takes it, above 1 KB), fed once
// per burst of writes. Next calls `res.flush()` after every chunk it streams, and
// each write and each flush is a zlib round trip through the thread pool; a page
// came as about 3 writes and 3 flushes (counted under the capacity benchmark),
// which together cost /me about 6 % of its worker's CPU (docs/loadtest.md) and
// made the answer larger. So the chunks written in one burst (one callback and
// the promise jobs it starts) go to the compressor as one, and the flushes asked
// for in it become one, on process.nextTick: before any other I/O is handled, so
// nothing waits behind other requests, and what React streams later (a Suspense
// boundary) still leaves at once. (setImmediate coalesced no more, and under
// load it made an answer wait behind every other callback of that loop turn.)
// Next's own fetch of a redirecting action's target is answered plain: Next's
// fetch would only inflate it again before the action's answer is compressed.
// Brotli keeps a 256 KB window instead of its 4 MB default (below).
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { constants as zlib } from "node:zlib";
import compression from "compression";
import { forwardedByNext } from "../observability/http-observer";

type Flushable = ServerResponse & { flush?: () => void };
type Callback = (error?: Error | null) => void;

/** Above this many bytes queued in one burst, they are handed on at once. */
const BURST_LIMIT = 64 * 1024;

/** gzip level 4: about 40 % less CPU than the default 6 for about 3 % more bytes (34 KB of HTML, measured by hand). */
const GZIP_LEVEL = 4;

/**
 * Brotli at `compression`'s quality 4, with a 2^18-byte (256 KB) window instead
 * of the 4 MB default: every answer is smaller than that, so the bytes are the
 * same, but each encoder's memory is Node's external memory, and with a dozen
 * navigations in flight the 4 MB windows made V8 run a full GC every 18
 * requests; a navigation cost 16.6 ms of CPU instead of 5.7 (docs/loadtest.md).
 */
const BROTLI_PARAMS = { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_LGWIN]: 18 };

function asBuffer(chunk: unknown, encoding: BufferEncoding | undefined): Buffer | null {
  if (typeof chunk === "string") return Buffer.from(chunk, encoding ?? "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return null;
}

/**
 * Chunks written and flushes asked for during one burst reach the response (and
 * its compressor) as one write and at most one flush, right after it. A write
 * with a callback, end() and more than BURST_LIMIT queued bytes hand on what is
 * queued at once, in order; backpressure still reaches the writer.
 */
export function coalescePerBurst(response: Flushable): void {
  const write = response.write.bind(response) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const flush = response.flush?.bind(response);
  let queue: Buffer[] = [];
  let queued = 0;
  let flushAsked = false;
  let scheduled = false;
  let accepting = true; // what the last write handed on answered: false until 'drain'

  const release = () => {
    if (queue.length === 0) return;
    const data = queue.length === 1 ? queue[0]! : Buffer.concat(queue, queued);
    queue = [];
    queued = 0;
    accepting = write(data);
  };
  const afterBurst = () => {
    scheduled = false;
    if (response.destroyed) {
      queue = []; // the client is gone; Next sees the close itself
      return;
    }
    release();
    if (flushAsked && !response.writableEnded) flush?.();
    flushAsked = false;
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    process.nextTick(afterBurst);
  };

  response.on("drain", () => {
    accepting = true;
  });
  response.write = ((chunk: unknown, encoding?: BufferEncoding | Callback, callback?: Callback) => {
    const buffer = typeof encoding === "function" || callback ? null : asBuffer(chunk, encoding);
    if (!buffer) {
      release();
      return write(chunk, encoding, callback);
    }
    queue.push(buffer);
    queued += buffer.byteLength;
    if (queued >= BURST_LIMIT) release();
    else schedule();
    return accepting;
  }) as ServerResponse["write"];
  response.end = ((...args: unknown[]) => {
    release();
    // `compression` reads a first argument as data: end(callback) becomes end() and a 'finish' listener.
    const callback = args.findLast((a) => typeof a === "function") as Callback | undefined;
    if (callback) response.once("finish", callback);
    return end(...args.filter((a) => typeof a !== "function"));
  }) as ServerResponse["end"];
  if (flush)
    response.flush = () => {
      flushAsked = true;
      schedule();
    };
}

/** `handler` with its answers compressed as above. */
export function withCompression(handler: RequestListener): RequestListener {
  const compress = compression({
    level: GZIP_LEVEL,
    brotli: { params: BROTLI_PARAMS },
    filter: (request, response) => !forwardedByNext(request) && compression.filter(request, response),
  });
  type Req = Parameters<typeof compress>[0];
  type Res = Parameters<typeof compress>[1];
  return (request: IncomingMessage, response: ServerResponse) =>
    compress(request as Req, response as Res, () => {
      coalescePerBurst(response);
      handler(request, response);
    });
}
