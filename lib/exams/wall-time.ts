// Wall-clock times in the cohort's zone for the admin's date inputs
// (<input type="datetime-local"> has no zone): "2027-01-10T09:00" in
// Europe/Madrid ⇄ the instant. Pure, Intl only.
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallParts(zone: string, at: Date): { y: number; mo: number; d: number; h: number; mi: number } {
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
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute) };
}

/** The zone's offset from UTC at `at`, in ms (seconds dropped: no zone in use has them today). */
function offsetAt(zone: string, at: Date): number {
  const p = wallParts(zone, at);
  const wallAsUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi);
  return wallAsUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}

export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant a wall time names in `zone`; in a gap (spring forward) the later offset wins. Null when malformed. */
export function wallTimeToDate(wall: string, zone: string): Date | null {
  const m = WALL_TIME.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const first = asUtc - offsetAt(zone, new Date(asUtc));
  const second = asUtc - offsetAt(zone, new Date(first));
  return new Date(second);
}

/** An instant as the zone's wall time, for an input's value. */
export function dateToWallTime(at: Date, zone: string): string {
  const p = wallParts(zone, at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}`;
}
