// The six SM-2 grades, with the wording shown on the grade buttons (review.grades.*).
export const GRADES = [
  { value: 0, label: "grades.blackout" },
  { value: 1, label: "grades.wrong" },
  { value: 2, label: "grades.familiar" },
  { value: 3, label: "grades.hard" },
  { value: 4, label: "grades.good" },
  { value: 5, label: "grades.easy" },
] as const;

/** A grade button's colours: red for a failed recall, amber for a hard one, green otherwise. */
export function gradeTone(value: number): string {
  if (value < 3) return "border-red-200 hover:bg-red-50 dark:border-red-900 dark:hover:bg-red-950/50";
  if (value < 4) return "border-amber-200 hover:bg-amber-50 dark:border-amber-900 dark:hover:bg-amber-950/40";
  return "border-emerald-200 hover:bg-emerald-50 dark:border-emerald-900 dark:hover:bg-emerald-950/40";
}
