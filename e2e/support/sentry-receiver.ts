// A loopback stand-in for Sentry's ingestion: POST /api/<project>/envelope/
// (gzip or plain), as the SDKs send. Keeps each raw body (for secret searches no
// parser bug can hide anything from) and the events parsed out of it.
import { appendFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type ReceivedEnvelope = { path: string; raw: string; events: Record<string, unknown>[] };

/** The event items of an envelope (header line, then item header / payload pairs). */
export function eventsOf(raw: string): Record<string, unknown>[] {
  const lines = raw.split("\n");
  const events: Record<string, unknown>[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const header = JSON.parse(lines[i]!) as { type?: string };
    if (header.type === "event") events.push(JSON.parse(lines[i + 1]!) as Record<string, unknown>);
  }
  return events;
}

export async function startSentryReceiver(options: { port?: number; file?: string; hold?: boolean } = {}) {
  const received: ReceivedEnvelope[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      if (req.method !== "POST" || !/^\/api\/\d+\/envelope\/?(\?|$)/.test(req.url ?? "")) {
        res.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      const raw = body.toString("utf8");
      let events: Record<string, unknown>[] = [];
      try {
        events = eventsOf(raw);
      } catch {
        // kept raw; the test will say what it got
      }
      const entry = { path: req.url ?? "", raw, events };
      received.push(entry);
      if (options.file) appendFileSync(options.file, `${JSON.stringify(entry)}\n`);
      // hold: accept and never answer, like a Sentry that is down behind a load balancer.
      if (options.hold) held.push(res);
      else res.writeHead(200, { "content-type": "application/json" }).end('{"id":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    dsn: (project = 7) => `http://e2epublickey@127.0.0.1:${port}/${project}`,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
