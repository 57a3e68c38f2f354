// Wall-clock times in a zone, as <input type="datetime-local"> and course files
// write them ("2027-01-10T09:00" in Europe/Madrid) ⇄ the instant. Pure, Intl only
// (the zone arithmetic is lib/time/zones.ts's).
import { localDayAndHour, offsetMs } from "./zones";

export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant a wall time names in `zone`; in a gap (spring forward) the later offset wins. Null when malformed. */
export function wallTimeToDate(wall: string, zone: string): Date | null {
  const m = WALL_TIME.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The offset at that wall time; a second pass settles a day whose offset changes.
  const first = asUtc - offsetMs(zone, new Date(asUtc));
  return new Date(asUtc - offsetMs(zone, new Date(first)));
}

/** An instant as the zone's wall time, for an input's value. */
export function dateToWallTime(at: Date, zone: string): string {
  const { day } = localDayAndHour(zone, at);
  const local = new Date(at.getTime() + offsetMs(zone, at));
  return `${day}T${local.toISOString().slice(11, 16)}`;
}
