import { describe, expect, it } from "vitest";
import { courseMoment, resolveCourseMoment } from "@/lib/content/course-dates";
import { phaseSchedule } from "@/lib/content/phase-schedule";
import { startOfLocalDate } from "@/lib/time/zones";

describe("course.yaml dates", () => {
  it("a day opens at its local midnight and is due at its last minute, in the cohort's zone", () => {
    expect(resolveCourseMoment("2027-01-24", "America/Mexico_City", "start").toISOString()).toBe(
      "2027-01-24T06:00:00.000Z",
    );
    expect(resolveCourseMoment("2027-01-24", "America/Mexico_City", "end").toISOString()).toBe(
      "2027-01-25T05:59:00.000Z",
    );
    expect(resolveCourseMoment("2027-01-24", "UTC", "end").toISOString()).toBe("2027-01-24T23:59:00.000Z");
  });

  it("a time without an offset is the cohort's wall clock, across daylight saving; an offset is exact", () => {
    expect(resolveCourseMoment("2027-01-24T18:00", "Europe/Madrid", "end").toISOString()).toBe(
      "2027-01-24T17:00:00.000Z",
    );
    expect(resolveCourseMoment("2027-07-24T18:00", "Europe/Madrid", "end").toISOString()).toBe(
      "2027-07-24T16:00:00.000Z",
    );
    expect(resolveCourseMoment("2027-03-28T12:00", "Europe/Madrid", "start").toISOString()).toBe(
      "2027-03-28T10:00:00.000Z",
    );
    expect(resolveCourseMoment("2027-01-24T18:00:00+01:00", "America/Mexico_City", "end").toISOString()).toBe(
      "2027-01-24T17:00:00.000Z",
    );
  });

  it("refuses what is not a real date, saying which forms it takes", () => {
    for (const bad of ["2027-02-30", "24/01/2027", "2027-01-24T25:00", "tomorrow", "2027-01-24T18:00+1"]) {
      const result = courseMoment.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/a day \("2027-01-24"\)/);
    }
    expect(courseMoment.safeParse(new Date("2027-01-24T00:00:00Z")).data).toBe("2027-01-24");
  });

  it("local midnight exists for zones at both ends of the clock", () => {
    expect(startOfLocalDate("Pacific/Kiritimati", "2027-01-24").toISOString()).toBe("2027-01-23T10:00:00.000Z");
    expect(startOfLocalDate("Etc/GMT+12", "2027-01-24").toISOString()).toBe("2027-01-24T12:00:00.000Z");
    expect(startOfLocalDate("Asia/Kolkata", "2027-01-24").toISOString()).toBe("2027-01-23T18:30:00.000Z");
  });
});

describe("where a phase stands against its dates", () => {
  const dates = { opensAt: new Date("2027-01-11T00:00:00Z"), dueAt: new Date("2027-01-24T23:59:00Z") };
  it("upcoming, open, overdue, and done once passed", () => {
    expect(phaseSchedule(dates, false, new Date("2027-01-10T12:00:00Z")).state).toBe("upcoming");
    expect(phaseSchedule(dates, false, new Date("2027-01-20T12:00:00Z")).state).toBe("open");
    expect(phaseSchedule(dates, false, new Date("2027-01-25T00:00:00Z")).state).toBe("overdue");
    expect(phaseSchedule(dates, true, new Date("2027-01-25T00:00:00Z")).state).toBe("done");
    expect(phaseSchedule({ opensAt: null, dueAt: null }, false, new Date()).state).toBe("none");
  });
});
