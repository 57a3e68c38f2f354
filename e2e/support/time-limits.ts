// CI runs the specs beside the integration suites and the Node 24 pass on two cores, where a
// step takes two to three times as long as it does alone (a tour walk of 112 s alone ran out
// of its 180 s there). Limits are written as measured alone and stretched in CI; only a
// failing test ever waits one out.
export const LOAD_FACTOR = process.env.CI ? 2 : 1;

/** A time limit measured alone (ms), as it applies in this run. */
export const limit = (ms: number): number => ms * LOAD_FACTOR;
