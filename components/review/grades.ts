// The six SM-2 grades; the wording on their buttons is review.grade.* (components/review/review-session.tsx).
export const GRADES = [0, 1, 2, 3, 4, 5] as const;

/** A grade button's colours: red for a failed recall, amber for a hard one, green otherwise. */
export function gradeTone(value: number): string {
  if (value < 3) return "border-red-200 hover:bg-red-50 dark:border-red-900 dark:hover:bg-red-950/50";
  if (value < 4) return "border-amber-200 hover:bg-amber-50 dark:border-amber-900 dark:hover:bg-amber-950/40";
  return "border-emerald-200 hover:bg-emerald-50 dark:border-emerald-900 dark:hover:bg-emerald-950/40";
}
