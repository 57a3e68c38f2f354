import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { listPhases } from "@/lib/content/phases";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireStudent();
  const phases = await listPhases(user);
  return (
    <>
      <PageHeader title={`Hello, ${user.name}`} description="Your course, phase by phase." />
      <h2 className="mb-3 text-lg font-semibold">Phases</h2>
      <ol className="grid gap-4 sm:grid-cols-2" aria-label="Course phases">
        {phases.map((p) => (
          <li key={p.slug}>
            <Card className="h-full">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-600">Phase {String(p.number).padStart(2, "0")}</p>
              <h3 className="mt-1 font-semibold">
                <Link href={`/phase/${String(p.number).padStart(2, "0")}`} className="hover:underline">{p.title}</Link>
              </h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{p.summary}</p>
              <p className="mt-3 text-xs text-slate-500">{p.cardCount} cards · {p.questionCount} exam questions</p>
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
