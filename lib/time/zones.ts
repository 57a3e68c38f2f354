// Time zones by IANA name, and the calendar day and hour a moment falls on in one.
// Intl does the zone arithmetic (daylight saving included); nothing here is hand-made.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Names already asked about; every page asks for the viewer's zone, and building a formatter to check costs. */
const knownAnswers = new Map<string, boolean>();
const KNOWN_ANSWERS_KEPT = 1000;

export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  const known = knownAnswers.get(name);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    answer = true;
  } catch {
    answer = false;
  }
  if (knownAnswers.size < KNOWN_ANSWERS_KEPT) knownAnswers.set(name, answer);
  return answer;
}

/** Every zone this Node knows, for a select on /account (UTC first). */
export function knownTimeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

function partsIn(zone: string, at: Date): Record<string, string> {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
}

/** The local calendar day (YYYY-MM-DD) and hour (0–23) of a moment in a zone. */
export function localDayAndHour(zone: string, at: Date): { day: string; hour: number } {
  const p = partsIn(zone, at);
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24 };
}

/** The moment the local day containing `at` began in the zone (its local midnight). */
export function startOfLocalDay(zone: string, at: Date): Date {
  const p = partsIn(zone, at);
  const sinceMidnightMs =
    ((Number(p.hour) % 24) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000 + at.getUTCMilliseconds();
  const guess = at.getTime() - sinceMidnightMs;
  // An offset change (daylight saving) between midnight and `at` leaves the guess off by that change.
  const q = partsIn(zone, new Date(guess));
  const past = ((Number(q.hour) % 24) * 60 + Number(q.minute)) * 60_000;
  return new Date(q.day === p.day ? guess - past : guess + 24 * 3600_000 - past);
}

/** The local calendar day (YYYY-MM-DD) of a moment in a zone. */
export function localDay(zone: string, at: Date): string {
  return localDayAndHour(zone, at).day;
}

/** A calendar day `days` after another (YYYY-MM-DD), with no zone involved. */
export function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The moment a calendar day (YYYY-MM-DD) begins in a zone: its local midnight. */
export function startOfLocalDate(zone: string, day: string): Date {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  // Every zone's offset is within ±14 h, so the day's local noon is one of these three moments' day.
  for (const shiftHours of [0, -12, 12]) {
    const at = new Date(noonUtc + shiftHours * 3600_000);
    if (localDay(zone, at) === day) return startOfLocalDay(zone, at);
  }
  return new Date(noonUtc - 12 * 3600_000);
}

/** The local midnight `days` review days after the day containing `at`, so daylight saving never shifts it. */
export function localMidnightAfter(zone: string, at: Date, days: number): Date {
  return startOfLocalDate(zone, plusDays(localDay(zone, at), days));
}

/** How far a zone's wall clock is ahead of UTC at a moment, in milliseconds (negative west of Greenwich). */
export function offsetMs(zone: string, at: Date): number {
  const p = partsIn(zone, at);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
