// Formatting shared by the dashboard, exams and admin views. Moments are shown by
// components/ui/local-time.tsx (the viewer's zone); days here are UTC days, as
// the review schedule counts them.
export function percent(score: number): string {
  return `${Math.round(score * 100)} %`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "14 Mar". By hand: toLocaleDateString builds an Intl formatter per call, and the
 *  heatmap formats ~180 days per render (it was the largest cost of /me). */
export function formatDay(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
