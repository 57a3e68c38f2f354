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

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** How Intl is asked for a wall clock ("en-US" with a timeZone); tests compare with it. */
export const WALL_CLOCK_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

/** The wall clock of a moment in a zone, as Intl formats it (whole seconds). */
function exactWall(zone: string, ms: number): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...WALL_CLOCK_PARTS, timeZone: zone });
    formatters.set(zone, f);
  }
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of f.formatToParts(ms)) if (part.type in w) w[part.type as keyof Wall] = Number(part.value);
  w.hour %= 24;
  return w;
}

function exactOffset(zone: string, ms: number): number {
  const w = exactWall(zone, ms);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/** Per zone: the offset through each UTC hour that has one throughout (NaN: it changes inside). */
const steadyOffsets = new Map<string, Map<number, number>>();
const HOURS_KEPT_PER_ZONE = 20_000;

/**
 * The wall clock of a moment in a zone. Formatting with Intl was the dashboard's
 * busiest own frame, and a zone's offset changes at most once in any hour: when it
 * is the same at both ends of the moment's UTC hour, the wall clock is that much
 * ahead of UTC throughout the hour. Hours with a change, and years Intl formats
 * differently (before 1000, after 9999), still ask Intl.
 */
function wallIn(zone: string, at: Date): Wall {
  const ms = at.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  let hours = steadyOffsets.get(zone);
  let offset = hours?.get(hour);
  if (offset === undefined) {
    const start = exactOffset(zone, hour * HOUR_MS); // also rejects an unknown zone or an invalid date
    offset = start === exactOffset(zone, (hour + 1) * HOUR_MS) ? start : NaN;
    if (!hours) steadyOffsets.set(zone, (hours = new Map()));
    if (hours.size >= HOURS_KEPT_PER_ZONE) hours.clear();
    hours.set(hour, offset);
  }
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset);
  const year = wall.getUTCFullYear();
  if (Number.isNaN(offset) || year < 1000 || year > 9999) return exactWall(zone, ms);
  return {
    year,
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const two = (n: number) => String(n).padStart(2, "0");
const dayOf = (w: Wall) => `${w.year}-${two(w.month)}-${two(w.day)}`;

/** The local calendar day (YYYY-MM-DD) and hour (0–23) of a moment in a zone. */
export function localDayAndHour(zone: string, at: Date): { day: string; hour: number } {
  const w = wallIn(zone, at);
  return { day: dayOf(w), hour: w.hour };
}

/** The moment the local day containing `at` began in the zone (its local midnight). */
export function startOfLocalDay(zone: string, at: Date): Date {
  const p = wallIn(zone, at);
  const sinceMidnightMs = (p.hour * 3600 + p.minute * 60 + p.second) * 1000 + at.getUTCMilliseconds();
  const guess = at.getTime() - sinceMidnightMs;
  // An offset change (daylight saving) between midnight and `at` leaves the guess off by that change.
  const q = wallIn(zone, new Date(guess));
  const past = (q.hour * 60 + q.minute) * 60_000;
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
  const w = wallIn(zone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}
