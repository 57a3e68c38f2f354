// Which kept cards an offline session shows and what a grade given offline does to
// the card's local copy (lib/offline/offline-queue.ts).
import { describe, expect, it } from "vitest";
import { gradedLocally, offlineSession } from "@/lib/offline/offline-queue";
import type { DeckCard } from "@/lib/offline/store";

const now = new Date("2026-12-06T12:00:00Z");
const card = (id: string, over: Partial<DeckCard> = {}): DeckCard => ({
  id,
  frontHtml: `<p>${id}</p>`,
  backHtml: "<p>back</p>",
  phaseNumber: 1,
  phaseTitle: "Logs",
  dueAt: null,
  repetitions: 0,
  ...over,
});

describe("offlineSession", () => {
  it("shows due cards oldest first, then new ones in deck order, then re-drills; never a later or graded card", () => {
    const deck = [
      card("new-a"),
      card("due-late", { dueAt: "2026-12-06T00:00:00Z", repetitions: 2 }),
      card("tomorrow", { dueAt: "2026-12-07T00:00:00Z", repetitions: 3 }),
      card("redrill", { dueAt: "2026-12-07T00:00:00Z", gradedAt: "2026-12-06T11:00:00Z", redrill: true }),
      card("graded", { gradedAt: "2026-12-06T11:00:00Z" }),
      card("due-early", { dueAt: "2026-12-04T00:00:00Z", repetitions: 1 }),
      card("new-b"),
    ];
    expect(offlineSession(deck, now).map((c) => c.id)).toEqual(["due-early", "due-late", "new-a", "new-b", "redrill"]);
  });

  it("a card falls due offline when its day comes", () => {
    const deck = [card("tomorrow", { dueAt: "2026-12-07T00:00:00Z" })];
    expect(offlineSession(deck, now)).toHaveLength(0);
    expect(offlineSession(deck, new Date("2026-12-07T06:00:00Z"))).toHaveLength(1);
  });
});

describe("gradedLocally", () => {
  it("SM-2: below 4 comes back in the session; 4 or more is done for now", () => {
    const c = card("x", { dueAt: "2026-12-05T00:00:00Z", repetitions: 1 });
    expect(gradedLocally(c, "sm2", 2, now)).toMatchObject({ needsRedrill: true, card: { redrill: true } });
    const ok = gradedLocally(c, "sm2", 5, now);
    expect(ok).toMatchObject({
      needsRedrill: false,
      intervalDays: 6,
      card: { redrill: false, gradedAt: now.toISOString() },
    });
    expect(ok.estimatedDueAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("FSRS: Again and Hard come back; the estimate uses the server's interval for the answer", () => {
    const c = card("y", { intervals: [1, 3, 8, 20] });
    expect(gradedLocally(c, "fsrs", 1, now).needsRedrill).toBe(true);
    expect(gradedLocally(c, "fsrs", 2, now).needsRedrill).toBe(true);
    expect(gradedLocally(c, "fsrs", 3, now)).toMatchObject({ needsRedrill: false, intervalDays: 8 });
  });
});
