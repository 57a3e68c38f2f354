// A student's attempts at one exam, newest first.
import Link from "next/link";
import { Badge } from "@/components/ui/primitives";
import type { AttemptSummary } from "@/lib/exams/attempts";
import { LocalTime } from "@/components/ui/local-time";
import { formatDuration, percent } from "@/lib/dashboard/format";

export function AttemptHistory({ attempts, phase }: { attempts: AttemptSummary[]; phase: string }) {
  if (!attempts.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No attempts yet.</p>;
  return (
    <table className="w-full text-sm" data-testid="attempt-history">
      <caption className="sr-only">Your attempts</caption>
      <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-2">When</th>
          <th className="py-2">Score</th>
          <th className="py-2">Time</th>
          <th className="py-2">
            <span className="sr-only">Result</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.id} className="border-t border-slate-100 dark:border-slate-800">
            <td className="py-2">
              <Link
                className="text-brand-600 hover:underline dark:text-brand-100"
                href={`/phase/${phase}/exam/${a.id}`}
              >
                <LocalTime value={a.submittedAt} />
              </Link>
            </td>
            <td className="py-2 tabular-nums">
              {percent(a.score)}{" "}
              <span className="text-slate-500 dark:text-slate-400">
                ({a.correctCount}/{a.total})
              </span>
            </td>
            <td className="py-2 tabular-nums">{formatDuration(a.durationSeconds)}</td>
            <td className="py-2">
              <Badge tone={a.passed ? "green" : "red"}>{a.passed ? "passed" : "failed"}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
