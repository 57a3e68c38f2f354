// A phase's opening and due date (course.yaml), in the viewer's zone, with where it stands.
import { useTranslations } from "next-intl";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/primitives";
import type { PhaseSchedule } from "@/lib/content/phase-schedule";

const TONE = { upcoming: "slate", open: "brand", overdue: "amber", done: "green" } as const;
const LABEL = { upcoming: "state.upcoming", open: "state.open", overdue: "state.overdue", done: "state.done" } as const;

export function PhaseDates({ schedule, className = "" }: { schedule: PhaseSchedule; className?: string }) {
  const t = useTranslations("phase.dates");
  const { opensAt, dueAt, state } = schedule;
  if (state === "none") return null;
  return (
    <p
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 text-xs soft ${className}`}
      data-testid="phase-dates"
    >
      {opensAt ? (
        <span>
          {t(state === "upcoming" ? "opens" : "opened")} <LocalTime value={opensAt} />
        </span>
      ) : null}
      {dueAt ? (
        <span>
          {t("due")} <LocalTime value={dueAt} />
        </span>
      ) : null}
      <Badge tone={TONE[state]}>{t(LABEL[state])}</Badge>
    </p>
  );
}
