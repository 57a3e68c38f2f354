// A rate or a percentile over a handful of events is noise: one mistyped password
// made the ops page read "Login success 0.0 %". Below MIN_SAMPLE events in the
// window the page says "not enough data" instead (the count stays beside it).
import type { OpsSummary } from "../observability/ops-history";

/** Events a window needs before its success rate or p95 is shown. */
export const MIN_SAMPLE = 20;

/** The summary with every rate and percentile backed by fewer than `min` events taken out (null). */
export function withMinimumSample(summary: OpsSummary, min = MIN_SAMPLE): OpsSummary {
  return {
    ...summary,
    loginSuccessRate: summary.loginAttempts >= min ? summary.loginSuccessRate : null,
    vaultP95Seconds: summary.vaultDecrypts >= min ? summary.vaultP95Seconds : null,
  };
}
