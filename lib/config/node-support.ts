// Which Node.js lines Miniportal supports, from Node's published release schedule.
// `npm start` names them when it runs on a line past its end of life; the portal
// still starts there (engines admits 20.19+ while the machines here run it).

/** End of life (UTC date) of each release line, from the Node.js release schedule. */
const END_OF_LIFE: Record<number, string> = {
  18: "2025-04-30",
  19: "2023-06-01",
  20: "2026-04-30",
  21: "2024-06-01",
  22: "2027-04-30",
  23: "2025-06-01",
  24: "2028-04-30",
  25: "2026-06-01",
};

/** The line the image, .nvmrc and CI's second pass use. */
export const RECOMMENDED_NODE_MAJOR = 24;

/** LTS lines still maintained on `today`, newest first (the recommended one included). */
export function supportedNodeLines(today: Date): number[] {
  return Object.entries(END_OF_LIFE)
    .map(([major, eol]) => ({ major: Number(major), eol }))
    .filter(({ major, eol }) => major % 2 === 0 && major <= RECOMMENDED_NODE_MAJOR && !isPast(eol, today))
    .map(({ major }) => major)
    .sort((a, b) => b - a);
}

/**
 * The one warning for a Node.js version past its line's end of life, or null.
 * Lines newer than the schedule above are not judged (a newer release is no reason to warn).
 */
export function nodeEndOfLifeWarning(version: string, today: Date): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major)) return null;
  const eol = END_OF_LIFE[major];
  const pastEnd = eol ? isPast(eol, today) : major < Math.min(...Object.keys(END_OF_LIFE).map(Number));
  if (!pastEnd) return null;
  const others = supportedNodeLines(today).filter((line) => line !== RECOMMENDED_NODE_MAJOR);
  const names = [`${RECOMMENDED_NODE_MAJOR} (recommended)`, ...others.map(String)];
  const supported = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
  return (
    `Node.js ${version.replace(/^v?/, "")} is past its end of life${eol ? ` (${eol})` : ""}: it gets no security fixes. ` +
    `Miniportal still runs on it, but supports Node.js ${supported}; install one of those (.nvmrc names ${RECOMMENDED_NODE_MAJOR}).`
  );
}

function isPast(isoDate: string, today: Date): boolean {
  return today.getTime() >= Date.parse(`${isoDate}T00:00:00Z`);
}
