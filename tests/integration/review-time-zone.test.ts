// Issue 27, item 4: a cohort in Mexico City (UTC−6) saw its review day, its
// new-card limit and "due today" roll over at 18:00 local time, UTC's midnight.
// Each of them now follows the student's zone (their own, else the cohort's).
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/queries";
import { getMyDashboard } from "@/lib/dashboard/progress";
import { newCardBudget } from "@/lib/review/daily-new-cards";
import { gradeCard } from "@/lib/review/grading";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];
const ZONE = "America/Mexico_City";

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
});

async function studentIn(zone: string) {
  const { user } = await createActiveUser();
  await t.db.user.update({ where: { id: user.id }, data: { timeZone: zone, newCardsPerDay: 2 } });
  return { ...user, timeZone: zone };
}

describe("the student's day, in the student's zone", () => {
  it("the new-card limit and the day's reviews count from local midnight, not UTC's", async () => {
    const user = await studentIn(ZONE);
    // 17:00 and 23:30 on 14 March in Mexico City: the second is already 15 March in UTC.
    await gradeCard(user, cardIds[0]!, 5, new Date("2026-03-14T23:00:00Z"));
    await gradeCard(user, cardIds[1]!, 5, new Date("2026-03-15T05:30:00Z"));
    const lateEvening = new Date("2026-03-15T05:45:00Z");
    expect(await newCardBudget(user.id, lateEvening)).toMatchObject({ limit: 2, introducedToday: 2, allowance: 0 });
    const session = (await loadReviewSession(user, {}, lateEvening))!;
    expect(session.cards.filter((c) => c.isNew)).toHaveLength(0);
    const evening = await getMyDashboard(user, lateEvening);
    expect(evening.reviewsToday).toBe(2);
    expect(evening.heatmap.at(-1)!.day.toISOString().slice(0, 10)).toBe("2026-03-14");

    // 00:15 on 15 March there: a new day, two new cards again, and both cards graded yesterday are due.
    const pastMidnight = new Date("2026-03-15T06:15:00Z");
    expect((await newCardBudget(user.id, pastMidnight)).allowance).toBe(2);
    const morning = await getMyDashboard(user, pastMidnight);
    expect(morning.reviewsToday).toBe(0);
    expect(morning.heatmap.at(-2)!.count).toBe(2);
    expect(morning.due.reviews).toBe(4);
  });

  it("a card is due at the student's midnight after its interval, and its refusal names the local day", async () => {
    const user = await studentIn(ZONE);
    const graded = await gradeCard(user, cardIds[2]!, 5, new Date("2026-03-15T03:00:00Z")); // 21:00 on the 14th there
    expect(graded.dueAt.toISOString()).toBe("2026-03-15T06:00:00.000Z");
    await expect(gradeCard(user, cardIds[2]!, 5, new Date("2026-03-15T05:59:00Z"))).rejects.toMatchObject({
      kind: "conflict",
    });
    const again = await gradeCard(user, cardIds[2]!, 5, new Date("2026-03-15T06:00:00Z"));
    expect(again.dueAt.toISOString()).toBe("2026-03-21T06:00:00.000Z"); // six days later, local midnight
  });

  it("a student without a zone of their own follows the cohort's (UTC here), as before", async () => {
    const { user } = await createActiveUser();
    expect(user.timeZone).toBe("UTC");
    const graded = await gradeCard(user, cardIds[3]!, 5, new Date("2026-03-15T03:00:00Z"));
    expect(graded.dueAt.toISOString()).toBe("2026-03-16T00:00:00.000Z");
  });

  it("the audit log's day filter is the admin's day", async () => {
    const { user: admin } = await createActiveUser("admin");
    const student = await studentIn(ZONE);
    await t.db.eventLog.create({
      data: {
        action: "test.zone",
        actorId: admin.id,
        targetType: "user",
        targetId: student.id,
        at: new Date("2026-03-15T03:00:00Z"),
      },
    });
    const inMexico = { ...admin, timeZone: ZONE };
    const page = (filters: { from: string; to: string }) =>
      listAuditEvents(inMexico, { ...filters, action: "test.zone", page: 1 });
    expect((await page({ from: "2026-03-14", to: "2026-03-14" })).total).toBe(1);
    expect((await page({ from: "2026-03-15", to: "2026-03-15" })).total).toBe(0);
  });
});
