// The sync endpoint's limits, without zod: the browser's queue code imports these,
// and zod in a page's bundle probes \`Function("")\`, which the CSP (no unsafe-eval) reports.
/** Bytes: a batch of MAX_BATCH grades is about 25 KB; anything far larger is not ours. */
export const MAX_SYNC_BODY = 64 * 1024;
export const MAX_BATCH = 100;
/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Offline for longer than this and the grades are refused rather than rewriting old history. */
export const MAX_AGE_MS = 30 * 86_400_000;
export const SYNC_VERSION = 1;
