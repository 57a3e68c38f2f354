// What the primary (primary.ts) and its workers (worker.ts) ask each other, by kind.

/** primary → worker: stop taking connections and drain within payload.deadlineMs. */
export const DRAIN_REQUEST = "server.drain";
/** worker → primary: listening (payload.worker is its number). */
export const READY_REQUEST = "worker.ready";
/**
 * worker → primary, after its server closed: answered once the primary has read the
 * cluster's "close" (the channel keeps order), so no connection is on its way to this
 * worker any more. Exiting before that lost a connection handed over meanwhile: the
 * primary waited for a reply that never came and the client hung.
 */
export const ROUTING_STOPPED_REQUEST = "worker.routing_stopped";
/** Time a worker keeps after its drain to close the database and exit, inside the stop deadline. */
export const EXIT_MARGIN_MS = 1500;
