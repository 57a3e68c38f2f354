// Issue 27, item 4: phase dates from course.yaml, on the dashboard and phase
// page, and in a per-student calendar feed behind an unguessable, resettable URL.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarFeedEnabled, calendarForSecret, disableCalendarFeed, resetCalendarFeed } from "@/lib/calendar/feed";
import { ContentError, readCourse } from "@/lib/content/course-files";
import { importCourse } from "@/lib/content/import";
import { getPhase } from "@/lib/content/phases";
import { studentPhaseSchedule } from "@/lib/content/student-phase-schedule";
import { getMyDashboard } from "@/lib/dashboard/progress";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

function courseWith(courseYaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-dates-"));
  cpSync(path.resolve("content"), dir, { recursive: true });
  writeFileSync(path.join(dir, "course.yaml"), courseYaml);
  return dir;
}

const DATES = `title: Operating web services
phases:
  1: { opensAt: 2027-01-11, dueAt: 2027-01-24 }
  2: { dueAt: "2027-02-07T18:00" }
`;

beforeAll(async () => {
  await importCourse(readCourse(courseWith(DATES))); // MINIPORTAL_TIMEZONE is UTC in the tests
});

const secretOf = (urlPath: string) => urlPath.replace(/^\/calendar\//, "").replace(/\.ics$/, "");

describe("phase dates", () => {
  it("are imported as moments and shown with where the student stands", async () => {
    const phase = (await getPhase(1))!;
    expect(phase.opensAt?.toISOString()).toBe("2027-01-11T00:00:00.000Z");
    expect(phase.dueAt?.toISOString()).toBe("2027-01-24T23:59:00.000Z");
    expect((await getPhase(2))!.dueAt?.toISOString()).toBe("2027-02-07T18:00:00.000Z");
    expect((await getPhase(3))!.dueAt).toBeNull();

    const { user } = await createActiveUser();
    expect((await studentPhaseSchedule(user, phase, new Date("2027-01-05T00:00:00Z"))).state).toBe("upcoming");
    const late = await getMyDashboard(user, new Date("2027-01-30T00:00:00Z"));
    expect(late.phases.map((p) => p.schedule.state).slice(0, 3)).toEqual(["overdue", "open", "none"]);
  });

  it("refuses a course.yaml with a bad date, an unknown phase or a due date before the opening, naming the file", () => {
    expect(() => readCourse(courseWith("phases:\n  1: { dueAt: 2027-02-30 }\n"))).toThrow(
      /course\.yaml: phases\.1\.dueAt/,
    );
    expect(() => readCourse(courseWith("phases:\n  42: { dueAt: 2027-02-01 }\n"))).toThrow(/no phase has number 42/);
    expect(() => readCourse(courseWith("phases:\n  1: { opensAt: 2027-02-02, dueAt: 2027-02-01 }\n"))).toThrow(
      ContentError,
    );
    expect(() => readCourse(courseWith("phases:\n  1: { due: 2027-02-01 }\n"))).toThrow(/course\.yaml/);
  });
});

describe("the calendar feed", () => {
  it("is off until the student turns it on, and its link opens the phase dates", async () => {
    const { user } = await createActiveUser();
    expect(await calendarFeedEnabled(user)).toBe(false);
    const first = secretOf(await resetCalendarFeed(user, null));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await calendarFeedEnabled(user)).toBe(true);
    const ics = (await calendarForSecret(first))!;
    expect(ics).toContain("SUMMARY:Phase 01 opens: ");
    expect(ics).toContain("DTSTART:20270111T000000Z");
    expect(ics).toContain("SUMMARY:Phase 02 due: ");
    expect(ics).toContain("DTEND:20270207T180100Z");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    // Only a hash is stored: the secret itself is in no column.
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(JSON.stringify(row)).not.toContain(first);

    const second = secretOf(await resetCalendarFeed(user, null));
    expect(await calendarForSecret(first)).toBeNull();
    expect(await calendarForSecret(second)).toContain("BEGIN:VCALENDAR");
    await disableCalendarFeed(user, null);
    expect(await calendarForSecret(second)).toBeNull();

    const actions = await t.db.eventLog.findMany({ where: { actorId: user.id }, select: { action: true } });
    expect(actions.map((a) => a.action).filter((a) => a.startsWith("calendar."))).toEqual([
      "calendar.link_issued",
      "calendar.link_issued",
      "calendar.turned_off",
    ]);
  });

  it("speaks the student's language, and opens nothing for a deactivated student, an admin or a malformed secret", async () => {
    const { user } = await createActiveUser();
    await t.db.user.update({ where: { id: user.id }, data: { locale: "es" } });
    const secret = secretOf(await resetCalendarFeed(user, null));
    expect(await calendarForSecret(secret)).toContain("SUMMARY:Entrega de la fase 02");
    await t.db.user.update({ where: { id: user.id }, data: { status: "disabled" } });
    expect(await calendarForSecret(secret)).toBeNull();

    const { user: admin } = await createActiveUser("admin");
    await expect(resetCalendarFeed(admin, null)).rejects.toMatchObject({ kind: "forbidden" });
    for (const bad of ["", "x", `${secret}x`, "../../etc/passwd", "A".repeat(43)])
      expect(await calendarForSecret(bad)).toBeNull();
  });
});
