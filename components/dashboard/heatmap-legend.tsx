"use client";
// The heatmap's "less … more" scale. The same five swatches on every dashboard: as a
// client component its RSC payload is two words, not the five rects again.
import { LEVELS } from "./heatmap-levels";

const CELL = 11;
const GAP = 3;

export function HeatmapLegend({ less, more }: { less: string; more: string }) {
  return (
    <>
      <span className="ml-auto">{less}</span>
      <svg width={5 * (CELL + GAP)} height={CELL} aria-hidden>
        {LEVELS.map((cls, i) => (
          <rect key={cls} x={i * (CELL + GAP)} width={CELL} height={CELL} rx={2} className={cls} />
        ))}
      </svg>
      <span>{more}</span>
    </>
  );
}
