// The gradebook's pure parts: at-risk rules, sort and filter, word counts, the
// CSV's quoting and formula neutralisation, and the item-analysis arithmetic.
import { describe, expect, it } from "vitest";
import type { Gradebook, GradebookRow, PhaseCells } from "@/lib/admin/gradebook";
import { gradebookCsv, neutralize } from "@/lib/admin/gradebook-csv";
import { riskFlags } from "@/lib/admin/gradebook-risk";
import { filterAndSort, parseGradebookQuery } from "@/lib/admin/gradebook-view";
import { flagsOf, pointBiserial } from "@/lib/exams/item-analysis";
import { countWords } from "@/lib/journal/word-count";

const NOW = new Date("2026-12-06T12:00:00Z");
const DAY = 86_400_000;

function cell(number: number, over: Partial<PhaseCells> = {}): PhaseCells {
  return {
    number,
    journal: { saves: 0, words: 0, updatedAt: null },
    cards: { total: 10, reviewed: 0, dueNow: 0, overdue: 0, reviews30: 0, retention: null },
    exam: { best: null, attempts: 0, failures: 0, passed: false },
    ...over,
  };
}

function row(name: string, over: Partial<GradebookRow> = {}): GradebookRow {
  return {
    id: name,
    name,
    email: `${name.toLowerCase()}@example.org`,
    status: "active",
    lastActivityAt: null,
    phases: [cell(1)],
    totals: { entries: 0, words: 0, dueNow: 0, overdue: 0, reviewed: 0, retention: null, examsPassed: 0, attempts: 0 },
    risks: [],
    ...over,
  };
}

describe("at-risk rules", () => {
  const base = {
    status: "active",
    lastActivityAt: NOW,
    since: new Date(NOW.getTime() - 30 * DAY),
    overdue: 0,
    exams: [],
  };
  it("flags 7 days without activity, a backlog over 20 and two failures of an exam not passed since", () => {
    expect(riskFlags(base, NOW)).toEqual([]);
    expect(riskFlags({ ...base, lastActivityAt: new Date(NOW.getTime() - 7 * DAY) }, NOW)).toEqual([
      { kind: "inactive", days: 7 },
    ]);
    expect(riskFlags({ ...base, lastActivityAt: new Date(NOW.getTime() - 6.9 * DAY) }, NOW)).toEqual([]);
    expect(riskFlags({ ...base, overdue: 20 }, NOW)).toEqual([]);
    expect(riskFlags({ ...base, overdue: 21 }, NOW)).toEqual([{ kind: "backlog", overdue: 21 }]);
    const exams = [
      { phaseNumber: 1, failures: 2, passed: false },
      { phaseNumber: 2, failures: 3, passed: true },
      { phaseNumber: 3, failures: 1, passed: false },
    ];
    expect(riskFlags({ ...base, exams }, NOW)).toEqual([{ kind: "failedExam", phaseNumber: 1, failures: 2 }]);
  });
  it("never flags a student who is not active", () => {
    expect(riskFlags({ ...base, status: "invited", lastActivityAt: null, overdue: 99 }, NOW)).toEqual([]);
    expect(riskFlags({ ...base, status: "disabled", overdue: 99 }, NOW)).toEqual([]);
  });
});

describe("sort and filter", () => {
  const rows = [
    row("Carla", { status: "invited" }),
    row("ana", { risks: [{ kind: "backlog", overdue: 30 }], totals: { ...row("x").totals, overdue: 30, words: 5 } }),
    row("Bruno", { phases: [cell(1, { exam: { best: 0.9, attempts: 1, failures: 0, passed: true } })] }),
  ];
  const names = (q: Record<string, string>) => filterAndSort(rows, parseGradebookQuery(q)).map((r) => r.name);
  it("sorts by name by default, ignoring case, and by a figure either way with blanks last", () => {
    expect(names({})).toEqual(["ana", "Bruno", "Carla"]);
    expect(names({ sort: "overdue", dir: "desc" })).toEqual(["ana", "Bruno", "Carla"]);
    expect(names({ sort: "best", phase: "1", dir: "desc" })).toEqual(["Bruno", "ana", "Carla"]);
    expect(names({ sort: "best", phase: "1", dir: "asc" })).toEqual(["Bruno", "ana", "Carla"]);
  });
  it("filters by text, status and risk; malformed values fall back to the defaults", () => {
    expect(names({ q: "BRU" })).toEqual(["Bruno"]);
    expect(names({ status: "invited" })).toEqual(["Carla"]);
    expect(names({ risk: "1" })).toEqual(["ana"]);
    expect(parseGradebookQuery({ sort: "drop table", dir: "sideways", phase: "x", status: "god" })).toMatchObject({
      sort: "name",
      dir: "asc",
      phase: undefined,
      status: undefined,
    });
  });
});

describe("word count", () => {
  it("counts words in any language, not markdown punctuation", () => {
    expect(countWords("# Título\n\n- uno, *dos*; `tres`\n\n---")).toBe(4);
    expect(countWords("")).toBe(0);
  });
});

describe("CSV", () => {
  it("neutralises every formula start and nothing else", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutralize(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralize("Ana = 1")).toBe("Ana = 1");
  });
  it("quotes commas, quotes and line breaks (RFC 4180), CRLF between rows, BOM first", () => {
    const book: Gradebook = {
      phases: [{ number: 1, title: "Logs", lang: "en", cardCount: 10, passMark: 0.7 }],
      rows: [row('Ana "A", Jr\nline two', { email: "@x@example.org" })],
      generatedAt: NOW,
    };
    const csv = gradebookCsv(book, "en");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, line, end] = csv.slice(1).split("\r\n");
    expect(header).toBe(
      "Student,SIS Login ID,Status,Last activity (UTC),At risk,Phase 1 journal saves,Phase 1 journal words," +
        "Phase 1 journal last edit (UTC),Phase 1 cards reviewed,Phase 1 cards due now,Phase 1 cards overdue," +
        "Phase 1 retention 30 days (%),Phase 1 exam best (%),Phase 1 exam attempts,Phase 1 exam passed",
    );
    expect(line).toBe(`"Ana ""A"", Jr\nline two",'@x@example.org,active,,,0,0,,0,0,0,,,0,`);
    expect(end).toBe("");
  });
});

describe("item analysis", () => {
  it("is the Pearson correlation of the item with the rest, null when nothing varies", () => {
    expect(pointBiserial([1, 0], [3, 1])).toBeCloseTo(1);
    expect(pointBiserial([0, 1], [3, 1])).toBeCloseTo(-1);
    expect(pointBiserial([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pointBiserial([1], [1])).toBeNull();
  });
  it("judges a question only from 5 answers on", () => {
    expect(flagsOf(4, 0.5, -0.5)).toEqual(["few"]);
    expect(flagsOf(10, 0.5, -0.1)).toEqual(["negative"]);
    expect(flagsOf(10, 0.98, 0.1)).toEqual(["low", "easy"]);
    expect(flagsOf(10, 0.2, 0.4)).toEqual(["hard"]);
    expect(flagsOf(10, 0.6, 0.4)).toEqual([]);
  });
});
