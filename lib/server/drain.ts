// An HTTP server that can stop gracefully within a deadline:
//  - no new connections (server.close()),
//  - requests already running finish, and their responses say `Connection: close`,
//  - a request that still arrives on a kept-alive socket is served with
//    `Connection: close`, so each such socket carries at most one more request,
//  - idle kept-alive sockets are closed at once and then every 100 ms (a client
//    may keep a socket busy across one sweep, never across two requests),
//  - at the deadline every remaining connection is cut.
// Node's own server.close() leaves busy keep-alive sockets open for as long as
// their clients keep sending, which is what made a stop wait for the clients.
import { type IncomingMessage, type RequestListener, type Server, type ServerResponse, createServer } from "node:http";

export type DrainOutcome = { outcome: "drained" | "forced"; ms: number; cut: number };

export type DrainableServer = {
  server: Server;
  readonly draining: boolean;
  /** Starts the drain (idempotent) and resolves when the server is closed or the deadline cut it. */
  drain(deadlineMs: number): Promise<DrainOutcome>;
};

const SWEEP_MS = 100;

export function createDrainableServer(handler: RequestListener): DrainableServer {
  const inFlight = new Set<ServerResponse>();
  let draining: Promise<DrainOutcome> | null = null;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (draining) response.setHeader("connection", "close");
    inFlight.add(response);
    response.once("close", () => inFlight.delete(response));
    handler(request, response);
  });

  function drain(deadlineMs: number): Promise<DrainOutcome> {
    draining ??= new Promise<DrainOutcome>((resolve) => {
      const started = performance.now();
      for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close");
      let finished = false;
      const finish = (outcome: DrainOutcome["outcome"]) => {
        if (finished) return;
        finished = true;
        clearInterval(sweep);
        clearTimeout(deadline);
        const cut = outcome === "forced" ? inFlight.size : 0;
        if (outcome === "forced") server.closeAllConnections();
        resolve({ outcome, ms: Math.round(performance.now() - started), cut });
      };
      server.close(() => finish("drained"));
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
      const deadline = setTimeout(() => finish("forced"), Math.max(0, deadlineMs));
    });
    return draining;
  }

  return {
    server,
    get draining() {
      return draining !== null;
    },
    drain,
  };
}
