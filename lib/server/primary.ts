// The serving side of `npm start`: this process is the cluster primary and
// forks MINIPORTAL_WORKERS server workers (lib/server/worker.ts) that share the
// port. It serves no requests itself; it
//  - answers the workers' cluster-wide questions (/metrics, the ops page),
//  - restarts a worker that dies once the server is serving, with backoff, up to
//    RESTARTS_PER_MINUTE (a worker dying before the first ready stops startup),
//  - with `followCores`, keeps one worker per usable core while serving: a core
//    taken away retires a worker (it drains, as on a stop), one given back adds one,
//  - stops everything on SIGTERM/SIGINT/SIGHUP or when its parent disappears:
//    every worker drains (lib/server/drain.ts), stragglers are killed at the
//    MINIPORTAL_SHUTDOWN_TIMEOUT_S deadline, and then it exits.
// Why cluster plus a custom server rather than `next start`: see docs/operations.md.
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import {
  type MetricsJson,
  LOCAL_METRICS_REQUEST,
  SERVER_METRICS_REQUEST,
  aggregateExposition,
  valuesOf,
} from "../observability/cluster-metrics";
import { HISTORY_MS, opsHistory, snapshotOf, startOpsSampler } from "../observability/ops-history";
import { OPS_REQUEST, type OpsData } from "../observability/ops-data";
import { type Endpoint, IpcPeer } from "./ipc";
import { DRAIN_REQUEST, EXIT_MARGIN_MS, READY_REQUEST, ROUTING_STOPPED_REQUEST } from "./protocol";

export type PrimaryOptions = {
  workerScript: string;
  workers: number;
  shutdownTimeoutS: number;
  metricsEnabled: boolean;
  log: Logger;
  /** Extra environment for the workers. */
  env?: Record<string, string>;
  /** The primary's own metrics (the mail sender's), added to the workers' on /metrics. */
  extraMetrics?: () => Promise<MetricsJson>;
  /** The worker count wanted now (lib/server/cpu-cores.ts), asked every CORES_CHECK_MS once serving. */
  followCores?: () => number;
};

const stopHooks: (() => Promise<void>)[] = [];

/** Work the primary itself runs (the mail sender) is stopped with the workers, before it exits. */
export function onPrimaryStop(hook: () => Promise<void>): void {
  stopHooks.push(hook);
}

type Slot = { id: number; worker: Worker; peer: IpcPeer; ready: boolean; retiring?: boolean };
type Handler = (payload: unknown) => unknown;

const handlers = new Map<string, Handler>();

const RESTARTS_PER_MINUTE = 5;
/** How often the primary asks how many cores it may use (a cheap system call and a file read). */
export const CORES_CHECK_MS = 2000;

/** The first restart within a minute is at once; each further one waits twice as long (1 s, 2 s, 4 s…). */
export function restartDelayMs(restartsLastMinute: number): number {
  return restartsLastMinute <= 1 ? 0 : Math.min(1000 * 2 ** (restartsLastMinute - 2), 16_000);
}

export function runPrimary(options: PrimaryOptions): Promise<void> {
  const { log } = options;
  const slots = new Map<number, Slot>();
  const restarts: number[] = [];
  const marker = randomBytes(16).toString("hex");
  let stopping = false;

  cluster.setupPrimary({ exec: options.workerScript, serialization: "advanced" });

  const live = () => [...slots.values()].filter((s) => s.worker.isConnected());
  const askAll = async <T>(kind: string, payload: unknown, timeoutMs: number) =>
    (await Promise.allSettled(live().map((s) => s.peer.request<T>(kind, payload, timeoutMs))))
      .filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled")
      .map((r) => r.value);
  const allMetrics = async () => [
    ...(await askAll<MetricsJson>(LOCAL_METRICS_REQUEST, null, 3000)),
    ...(options.extraMetrics ? [await options.extraMetrics()] : []),
  ];
  const sourceOf = (perWorker: MetricsJson[]) => (name: string) => valuesOf(perWorker, name);

  handlers.set(ROUTING_STOPPED_REQUEST, () => true);
  handlers.set(SERVER_METRICS_REQUEST, async () => aggregateExposition(await allMetrics()));
  handlers.set(OPS_REQUEST, async (payload): Promise<OpsData> => {
    const now = (payload as { now?: number } | null)?.now ?? Date.now();
    const perWorker = await allMetrics();
    const history = opsHistory()
      .snapshots()
      .filter((s) => s.at >= now - HISTORY_MS);
    const inFlight = valuesOf(perWorker, "portal_requests_in_flight").reduce((n, v) => n + v.value, 0);
    return { snapshots: [...history, snapshotOf(sourceOf(perWorker), now)], inFlight };
  });

  return new Promise<void>((resolveServing, rejectServing) => {
    let serving = false;

    // Before serving, start-portal.ts reports the failure; after, the log says it.
    const fail = (message: string) => {
      if (serving) log.fatal({ event: "server.failed" }, message);
      else rejectServing(new Error(message));
      void stop("failure", 1);
    };

    handlers.set(READY_REQUEST, (payload) => {
      const slot = slots.get((payload as { worker: number }).worker);
      if (slot) slot.ready = true;
      if (!serving && slots.size === options.workers && [...slots.values()].every((s) => s.ready)) {
        serving = true;
        if (options.metricsEnabled) startOpsSampler(async () => snapshotOf(sourceOf(await allMetrics())));
        if (options.followCores) setInterval(() => resize(options.followCores!()), CORES_CHECK_MS).unref();
        resolveServing();
      }
      return true;
    });

    function fork(id: number): void {
      const worker = cluster.fork({
        ...options.env,
        NODE_ENV: "production",
        MINIPORTAL_WORKER_ID: String(id),
        MINIPORTAL_FORWARD_MARKER: marker,
      });
      const peer = new IpcPeer(worker as unknown as Endpoint, handlers);
      slots.set(id, { id, worker, peer, ready: false });
      worker.once("exit", (code, signal) => {
        peer.close(`worker ${id} exited`);
        const wasReady = slots.get(id)?.ready ?? false;
        if (stopping) return;
        if (slots.get(id)?.retiring) {
          slots.delete(id);
          log.info({ event: "worker.retired", worker_id: id, code, signal });
          return;
        }
        log.error({ event: "worker.exited", worker_id: id, code, signal, was_ready: wasReady });
        // Before the first ready a death is a startup failure (a bad build, the port
        // taken) that a restart would only repeat. Once serving, a worker that dies
        // (even a replacement still starting) is started again while the others serve.
        if (!serving)
          return fail(`Worker ${id} exited while starting (exit ${code ?? signal}); its lines above say why.`);
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
        if (restarts.length > RESTARTS_PER_MINUTE)
          return fail(`Workers died ${restarts.length} times within a minute; stopping.`);
        const delayMs = restartDelayMs(restarts.length);
        log.warn({
          event: "worker.restarting",
          worker_id: id,
          delay_ms: delayMs,
          restarts_last_minute: restarts.length,
        });
        setTimeout(() => {
          if (!stopping) fork(id);
        }, delayMs);
      });
    }

    // Two workers time-sharing one core serve fewer pages than one, and slower (docs/loadtest.md):
    // the count follows the cores. Retired workers drain like a stopping server's.
    function resize(wanted: number): void {
      const active = [...slots.values()].filter((s) => !s.retiring);
      if (stopping || wanted < 1 || wanted === active.length) return;
      log.info({ event: "workers.resizing", from: active.length, to: wanted, reason: "usable cores changed" });
      for (let id = 1, count = active.length; count < wanted; id++)
        if (!slots.has(id)) {
          fork(id);
          count++;
        }
      for (const s of active.sort((a, b) => b.id - a.id).slice(0, Math.max(0, active.length - wanted))) {
        s.retiring = true;
        drain(s);
      }
    }

    /** Asks a worker to finish what it serves and exit within the stop timeout; one that cannot be asked gets SIGTERM. */
    function drain(s: Slot): void {
      const deadlineMs = Math.max(500, options.shutdownTimeoutS * 1000 - EXIT_MARGIN_MS);
      void s.peer.request(DRAIN_REQUEST, { deadlineMs }, 2000).catch(() => s.worker.process.kill("SIGTERM"));
    }

    let exitCode = 0;
    let stopStarted = 0;
    async function stop(reason: string, code = 0): Promise<void> {
      if (stopping) {
        // Ctrl-C reaches us twice (from the terminal and forwarded by npm) within
        // milliseconds; a signal a second or more later means "do not wait".
        if ((reason === "SIGINT" || reason === "SIGTERM") && performance.now() - stopStarted > 1000) {
          log.warn({ event: "server.stop_forced", reason });
          for (const s of slots.values()) s.worker.process.kill("SIGKILL");
          process.exit(130);
        }
        return;
      }
      stopping = true;
      stopStarted = performance.now();
      exitCode = code;
      const started = performance.now();
      const timeoutMs = options.shutdownTimeoutS * 1000;
      log.info({ event: "server.stopping", reason, workers: live().length, timeout_s: options.shutdownTimeoutS });
      const exited = [...slots.values()].map((s) =>
        s.worker.isDead() ? Promise.resolve() : new Promise<void>((r) => s.worker.once("exit", () => r())),
      );
      const hooksDone = Promise.allSettled(stopHooks.map((hook) => hook()));
      for (const s of live()) drain(s);
      const allExited = await Promise.race([
        Promise.all(exited).then(() => true),
        new Promise<false>((r) => setTimeout(r, timeoutMs - 250, false)),
      ]);
      await Promise.race([hooksDone, new Promise((r) => setTimeout(r, 1000))]);
      if (!allExited) {
        const left = [...slots.values()].filter((s) => !s.worker.isDead());
        log.warn({ event: "server.stop_forced", workers: left.map((s) => s.id) });
        for (const s of left) s.worker.process.kill("SIGKILL");
      }
      log.info({ event: "server.stopped", reason, ms: Math.round(performance.now() - started) });
      process.exit(exitCode);
    }

    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
    // `npm start` runs us through `sh -c`; if whatever started us goes away without
    // a signal reaching us, stop rather than serve on as an orphan.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void stop("parent-exited");
    }, 1000).unref();

    log.info({ event: "server.starting", workers: options.workers, pid: process.pid });
    for (let id = 1; id <= options.workers; id++) fork(id);
  });
}
