// Request/reply over the cluster IPC channel between the primary
// (lib/server/primary.ts) and its workers. Either side registers handlers by
// kind and asks the other side; replies are matched by id.
//
// In a worker, Next loads this module once per bundle (instrumentation, route
// handlers, actions), so the worker's state — handlers, pending requests and the
// one 'message' listener — lives on globalThis.
type Handler = (payload: unknown) => unknown;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type Message =
  | { miniportal: "request"; id: number; kind: string; payload: unknown }
  | { miniportal: "reply"; id: number; ok: true; value: unknown }
  | { miniportal: "reply"; id: number; ok: false; error: string };

/** Something that sends and receives IPC messages: a cluster Worker, or the worker's own process. */
export type Endpoint = {
  send(message: Message): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
};

export class IpcUnavailableError extends Error {
  name = "IpcUnavailableError";
}

const isMessage = (m: unknown): m is Message => typeof m === "object" && m !== null && "miniportal" in m;

/** One side of one channel. Handlers are shared when several peers are given the same map. */
export class IpcPeer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly handlers: Map<string, Handler>,
  ) {
    endpoint.on("message", (message) => {
      if (isMessage(message)) void this.receive(message);
    });
  }

  request<T>(kind: string, payload: unknown = null, timeoutMs = 5000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new IpcUnavailableError(`no reply to ${kind} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        this.endpoint.send({ miniportal: "request", id, kind, payload });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(
          new IpcUnavailableError(`cannot send ${kind}: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    });
  }

  /** Rejects every request still waiting (the other side is gone). */
  close(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new IpcUnavailableError(reason));
      this.pending.delete(id);
    }
  }

  private async receive(message: Message): Promise<void> {
    if (message.miniportal === "reply") {
      const p = this.pending.get(message.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(message.id);
      if (message.ok) p.resolve(message.value);
      else p.reject(new Error(message.error));
      return;
    }
    const handler = this.handlers.get(message.kind);
    let reply: Message;
    try {
      if (!handler) throw new Error(`no handler for ${message.kind}`);
      reply = { miniportal: "reply", id: message.id, ok: true, value: await handler(message.payload) };
    } catch (error) {
      reply = {
        miniportal: "reply",
        id: message.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    try {
      this.endpoint.send(reply);
    } catch {
      // The other side went away while we worked; nobody is waiting any more.
    }
  }
}

// ---- the worker's side -------------------------------------------------------

type WorkerIpc = { peer: IpcPeer | null; handlers: Map<string, Handler> };
const globalForIpc = globalThis as unknown as { miniportalWorkerIpc?: WorkerIpc };

function workerIpc(): WorkerIpc {
  if (!globalForIpc.miniportalWorkerIpc) {
    const handlers = new Map<string, Handler>();
    // process.send exists in any process started with an IPC channel (a cluster worker, but also a
    // test runner's fork); only the primary's workers carry MINIPORTAL_WORKER_ID (lib/server/primary.ts).
    const isWorker = typeof process.send === "function" && Boolean(process.env.MINIPORTAL_WORKER_ID);
    const peer = isWorker ? new IpcPeer(process as unknown as Endpoint, handlers) : null;
    globalForIpc.miniportalWorkerIpc = { peer, handlers };
  }
  return globalForIpc.miniportalWorkerIpc;
}

/** True in a worker started by lib/server/primary.ts (it has a primary to ask). */
export function hasPrimary(): boolean {
  return workerIpc().peer !== null;
}

/** Asks the primary; rejects with IpcUnavailableError when there is none or it does not answer. */
export function askPrimary<T>(kind: string, payload: unknown = null, timeoutMs?: number): Promise<T> {
  const { peer } = workerIpc();
  if (!peer) return Promise.reject(new IpcUnavailableError("this process has no primary"));
  return peer.request<T>(kind, payload, timeoutMs);
}

/** Answers the primary's requests of one kind in this worker. */
export function answerPrimary(kind: string, handler: Handler): void {
  workerIpc().handlers.set(kind, handler);
}
