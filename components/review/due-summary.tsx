// How many cards are due, in the same words on /review and the dashboard
// (lib/review/due-count.ts counts them once for both); re-drills named as such.
import { useTranslations } from "next-intl";
import type { DueCount } from "@/lib/review/due-count";

export function DueSummary({ due }: { due: DueCount }) {
  const t = useTranslations("review.due");
  return (
    <span data-testid="due-summary">
      {due.redrills
        ? t("withRedrills", { total: due.total, reviews: due.reviews, redrills: due.redrills })
        : t("count", { total: due.total })}
    </span>
  );
}
