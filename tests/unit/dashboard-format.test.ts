import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { formatDay, formatDuration, percent } from "@/lib/dashboard/format";
import enJournal from "@/messages/en/journal.json";
import esJournal from "@/messages/es/journal.json";
import enReview from "@/messages/en/review.json";
import esReview from "@/messages/es/review.json";

const day = (m: number, d: number) => new Date(Date.UTC(2026, m, d, 12));

describe("dashboard formatting follows the locale", () => {
  it("keeps English as it was", () => {
    expect(percent(0.425)).toBe("43 %");
    expect(percent(0.8, "en")).toBe("80 %");
    expect(formatDay(day(2, 14), "en")).toBe("14 Mar");
    expect(formatDay(day(8, 3), "en")).toBe("3 Sep");
    expect(formatDuration(42, "en")).toBe("42 s");
    expect(formatDuration(185, "en")).toBe("3 min 5 s");
    expect(formatDuration(3720, "en")).toBe("1 h 2 min");
  });

  it("speaks Spanish", () => {
    expect(percent(0.8, "es")).toBe("80\u00a0%");
    expect(formatDay(day(0, 6), "es")).toBe("6 ene");
    expect(formatDay(day(11, 24), "es")).toBe("24 dic");
    expect(formatDuration(185, "es")).toBe("3 min 5 s");
  });

  it("formats UTC days, whatever the hour", () => {
    expect(formatDay(new Date(Date.UTC(2026, 2, 14, 23, 59)), "es")).toBe("14 mar");
    expect(formatDay(new Date(Date.UTC(2026, 2, 14, 0, 0)), "es")).toBe("14 mar");
  });
});

describe("student catalogues", () => {
  it("plurals and selects", () => {
    const en = createTranslator({ locale: "en", messages: { review: enReview, journal: enJournal } });
    const es = createTranslator({ locale: "es", messages: { review: esReview, journal: esJournal } });
    expect(en("review.graded", { grade: 4, days: 1 })).toBe("Graded 4; next review in 1 day.");
    expect(en("review.graded", { grade: 4, days: 6 })).toBe("Graded 4; next review in 6 days.");
    expect(es("review.graded", { grade: 4, days: 6 })).toBe("Calificada con 4; próximo repaso en 6 días.");
    expect(en("journal.save.storage", { reason: "full" })).toMatch(/because its disk is full\. Nothing was saved/);
    expect(es("journal.save.storage", { reason: "busy" })).toMatch(/siguió bloqueada/);
  });
});
