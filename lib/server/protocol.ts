// What the primary (primary.ts) and its workers (worker.ts) ask each other, by kind.

/** primary → worker: stop taking connections and drain within payload.deadlineMs. */
export const DRAIN_REQUEST = "server.drain";
/** worker → primary: listening (payload.worker is its number). */
export const READY_REQUEST = "worker.ready";
/** Time a worker keeps after its drain to close the database and exit, inside the stop deadline. */
export const EXIT_MARGIN_MS = 1500;
