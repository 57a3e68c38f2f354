import type { ReactNode } from "react";
import { Card } from "@/components/ui/primitives";

export function Stat({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <h2 className="text-sm font-medium text-slate-500 dark:text-slate-400">{label}</h2>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {detail ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{detail}</p> : null}
    </Card>
  );
}
