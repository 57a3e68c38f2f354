// Issue 25, item 3: after five grades (two below 4) and one undo the dashboard
// said 16 cards due and /review 18 (16 plus 2 re-drills). Both now read one count.
import { beforeAll, describe, expect, it } from "vitest";
import { studentDashboard } from "@/lib/dashboard/progress";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";
import { loadReviewSession } from "@/lib/review/queue";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
});

describe("what is due", () => {
  it("the dashboard and /review count the same cards, re-drills named, after grades and an undo", async () => {
    const { user } = await createActiveUser();
    const start = new Date(Date.UTC(2026, 2, 14, 9, 0, 0));
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const grades = [5, 1, 5, 2, 5];
    let lastLog = "";
    for (const [i, grade] of grades.entries()) lastLog = (await gradeCard(user, cardIds[i]!, grade, at(i))).logId;
    await undoLastGrade(user, lastLog, at(5));

    const now = at(6);
    const session = (await loadReviewSession(user, {}, now))!;
    const dashboard = await studentDashboard(user.id, now);
    // Four cards introduced of today's 20: 16 new cards left, and the two failed ones asked again.
    expect(session.due).toEqual({ total: 18, reviews: 16, redrills: 2 });
    expect(session.cards).toHaveLength(18);
    expect(session.cards.filter((c) => c.redrill).map((c) => c.id)).toEqual([cardIds[1], cardIds[3]]);
    expect(dashboard.dueToday).toBe(session.cards.length);
    expect(dashboard.due).toEqual(session.due);
    expect(dashboard.forecast[0]!.count).toBe(18);

    // Re-drilled to 4 or more, a card is no longer due today, on either page.
    await gradeCard(user, cardIds[1]!, 4, at(7));
    const later = at(8);
    const after = (await loadReviewSession(user, {}, later))!;
    expect(after.due).toEqual({ total: 17, reviews: 16, redrills: 1 });
    expect((await studentDashboard(user.id, later)).due).toEqual(after.due);
  });

  it("a phase's session counts only that phase; the next day the failed cards are plain reviews", async () => {
    const { user } = await createActiveUser();
    const now = new Date(Date.UTC(2026, 2, 14, 9, 0, 0));
    await gradeCard(user, cardIds[0]!, 1, now);
    const phase = (await loadReviewSession(user, { phaseNumber: 1 }, new Date(now.getTime() + 60_000)))!;
    expect(phase.due).toEqual({ total: 10, reviews: 9, redrills: 1 });
    expect(phase.cards).toHaveLength(10);

    const tomorrow = new Date(now.getTime() + 86_400_000);
    const next = (await loadReviewSession(user, {}, tomorrow))!;
    expect(next.due.redrills).toBe(0);
    expect(next.cards.map((c) => c.id)).toContain(cardIds[0]);
    expect((await studentDashboard(user.id, tomorrow)).due).toEqual(next.due);
    expect(next.cards).toHaveLength(next.due.total);
  });
});
