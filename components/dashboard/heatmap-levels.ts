// The heatmap's five colours, from no reviews to the most; shared by the server-rendered
// calendar (review-heatmap.tsx) and its client-rendered legend (heatmap-legend.tsx).
export const LEVELS = [
  "fill-slate-200 dark:fill-slate-800",
  "fill-emerald-200 dark:fill-emerald-900",
  "fill-emerald-400 dark:fill-emerald-700",
  "fill-emerald-600 dark:fill-emerald-500",
  "fill-emerald-800 dark:fill-emerald-300",
];
