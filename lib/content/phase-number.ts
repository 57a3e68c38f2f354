// Phase numbers in URLs and file names: "07" and "7" both parse; links use two digits.

/** Parses the [nn] route segment: 1-99, digits only. */
export function parsePhaseNumber(segment: string): number | null {
  if (!/^\d{1,2}$/.test(segment)) return null;
  const n = Number(segment);
  return n >= 1 ? n : null;
}

export function formatPhaseNumber(n: number): string {
  return String(n).padStart(2, "0");
}
