// Exam settings as pure logic: exam.yaml validation (errors name the file and the
// field), the defaults ← course ← override merge, the seeded shuffle, the rules
// of starting, submitting and showing answers, and the cohort-zone wall times.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCourse } from "@/lib/content/course-files";
import { answersVisible, deadlineFor, examState, type StartRow, submitRefusal } from "@/lib/exams/policy";
import {
  DEFAULT_EXAM_SETTINGS,
  diffSettings,
  type ExamSettings,
  mergeSettings,
  parseStoredSettings,
  serializeSettings,
} from "@/lib/exams/settings";
import { orderForAttempt, seededShuffle } from "@/lib/exams/shuffle";
import { dateToWallTime, wallTimeToDate } from "@/lib/time/wall-time";

const question =
  "questions:\n  - id: q1\n    kind: single\n    prompt: P\n    choices:\n      - {id: a, text: A, correct: true}\n      - {id: b, text: B}\n";

function phaseWithExam(settings: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mp-exam-settings-"));
  mkdirSync(path.join(dir, "phases/a"), { recursive: true });
  writeFileSync(path.join(dir, "phases/a/phase.md"), "---\nnumber: 1\nslug: one\ntitle: T\nsummary: S\n---\nBody\n");
  writeFileSync(path.join(dir, "phases/a/exam.yaml"), settings + question);
  return dir;
}

const at = (iso: string) => new Date(iso);
const settings = (s: Partial<ExamSettings>): ExamSettings => mergeSettings(s);

describe("exam.yaml settings", () => {
  it("reads every setting, dates with their offset", () => {
    const [phase] = readCourse(
      phaseWithExam(
        "attempts: 3\ntimeLimitMinutes: 20\nshuffleQuestions: true\nshuffleChoices: true\nshowAnswers: after-close\n" +
          "opensAt: 2027-01-10T09:00:00+01:00\n" +
          "closesAt: 2027-01-17T18:00:00Z\n",
      ),
    );
    expect(phase!.examSettings).toEqual({
      attempts: 3,
      timeLimitMinutes: 20,
      shuffleQuestions: true,
      shuffleChoices: true,
      showAnswers: "after-close",
      opensAt: at("2027-01-10T08:00:00Z"),
      closesAt: at("2027-01-17T18:00:00Z"),
    });
  });

  it("says nothing when the file sets nothing: the defaults keep the old behaviour", () => {
    const [phase] = readCourse(phaseWithExam(""));
    expect(phase!.examSettings).toEqual({});
    expect(mergeSettings(phase!.examSettings)).toEqual({
      attempts: null,
      timeLimitMinutes: null,
      shuffleQuestions: false,
      shuffleChoices: false,
      showAnswers: "after-each",
      opensAt: null,
      closesAt: null,
    });
  });

  it.each([
    ["attempts: 0\n", /exam\.yaml: attempts: /],
    ["attempts: 1.5\n", /exam\.yaml: attempts: /],
    ["timeLimitMinutes: 601\n", /exam\.yaml: timeLimitMinutes: /],
    ["timelimitMinutes: 5\n", /exam\.yaml: .*timelimitMinutes/],
    ["shuffleQuestions: yes please\n", /exam\.yaml: shuffleQuestions: /],
    ["showAnswers: sometimes\n", /exam\.yaml: showAnswers: /],
    ["opensAt: 2027-01-10T09:00:00\n", /exam\.yaml: opensAt: must be a date and time with a UTC offset/],
    ["opensAt: next monday\n", /exam\.yaml: opensAt: /],
    [
      "opensAt: 2027-01-10T09:00:00Z\nclosesAt: 2027-01-09T09:00:00Z\n",
      /exam\.yaml: closesAt: must be later than opensAt/,
    ],
    ["showAnswers: after-close\n", /exam\.yaml: showAnswers: after-close needs a closesAt/],
  ])("refuses %j, naming the file and the field", (yaml, message) => {
    expect(() => readCourse(phaseWithExam(yaml))).toThrow(message);
  });
});

describe("merging and storing settings", () => {
  it("layers defaults, the course file and the override, field by field", () => {
    const course = { attempts: 3, showAnswers: "never" as const };
    const override = { attempts: null, timeLimitMinutes: 15 };
    expect(mergeSettings(course, override)).toEqual({
      ...DEFAULT_EXAM_SETTINGS,
      attempts: null,
      timeLimitMinutes: 15,
      showAnswers: "never",
    });
  });

  it("an override keeps only what differs from the course, and round-trips through its column", () => {
    const base = settings({ attempts: 3, opensAt: at("2027-01-10T08:00:00Z") });
    const wanted = {
      ...base,
      timeLimitMinutes: 30,
      opensAt: at("2027-01-10T08:00:00Z"),
      closesAt: at("2027-02-01T00:00:00Z"),
    };
    const diff = diffSettings(base, wanted);
    expect(diff).toEqual({ timeLimitMinutes: 30, closesAt: at("2027-02-01T00:00:00Z") });
    expect(parseStoredSettings(serializeSettings(diff))).toEqual(diff);
    expect(parseStoredSettings("not json")).toEqual({});
    expect(parseStoredSettings('{"attempts":"many"}')).toEqual({});
  });
});

describe("seeded shuffle", () => {
  const items = Array.from({ length: 12 }, (_, i) => i);

  it("is a permutation, stable for one seed and different for another", () => {
    const a = seededShuffle(items, "seed-a", "questions");
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(seededShuffle(items, "seed-a", "questions")).toEqual(a);
    expect(seededShuffle(items, "seed-b", "questions")).not.toEqual(a);
    expect(seededShuffle(items, "seed-a", "other")).not.toEqual(a);
  });

  it("moves every item to every place over many seeds (no fixed positions)", () => {
    const seen = new Set<string>();
    for (let s = 0; s < 400; s++) seededShuffle([0, 1, 2, 3], `s${s}`, "q").forEach((v, i) => seen.add(`${v}@${i}`));
    expect(seen.size).toBe(16);
  });

  it("orders questions and choices only when asked, keeping ids", () => {
    const qs = items.map((i) => ({ id: `q${i}`, choices: ["a", "b", "c", "d", "e"].map((id) => ({ id })) }));
    expect(orderForAttempt(qs, "s", { shuffleQuestions: false, shuffleChoices: false })).toEqual(qs);
    const both = orderForAttempt(qs, "s", { shuffleQuestions: true, shuffleChoices: true });
    expect(both.map((q) => q.id)).not.toEqual(qs.map((q) => q.id));
    expect(both.some((q) => q.choices.map((c) => c.id).join("") !== "abcde")).toBe(true);
    for (const q of both)
      expect(
        q.choices
          .map((c) => c.id)
          .sort()
          .join(""),
      ).toBe("abcde");
  });
});

describe("the rules of an attempt", () => {
  const start = (over: Partial<StartRow> = {}): StartRow => ({
    id: "s1",
    ordinal: 1,
    startedAt: at("2027-01-10T09:00:00Z"),
    deadline: null,
    seed: "x",
    submittedAt: null,
    ...over,
  });

  it("deadline: the limit times the student's multiplier, never past closesAt", () => {
    const t0 = at("2027-01-10T09:00:00Z");
    expect(deadlineFor(settings({}), t0)).toBeNull();
    expect(deadlineFor(settings({ timeLimitMinutes: 20 }), t0)).toEqual(at("2027-01-10T09:20:00Z"));
    expect(deadlineFor(settings({ timeLimitMinutes: 20 }), t0, 1.5)).toEqual(at("2027-01-10T09:30:00Z"));
    expect(deadlineFor(settings({ timeLimitMinutes: 20, closesAt: at("2027-01-10T09:10:00Z") }), t0)).toEqual(
      at("2027-01-10T09:10:00Z"),
    );
  });

  it("submission: refused after the deadline plus 30 s of grace, after closing plus grace, and twice", () => {
    const s = start({ deadline: at("2027-01-10T09:20:00Z") });
    const timed = settings({ timeLimitMinutes: 20 });
    expect(submitRefusal(timed, s, at("2027-01-10T09:20:30Z"))).toBeNull();
    expect(submitRefusal(timed, s, at("2027-01-10T09:20:31Z"))).toBe("examTimeUp");
    const closing = settings({ closesAt: at("2027-01-10T10:00:00Z") });
    expect(submitRefusal(closing, start(), at("2027-01-10T10:00:29Z"))).toBeNull();
    expect(submitRefusal(closing, start(), at("2027-01-10T10:00:31Z"))).toBe("examClosed");
    expect(
      submitRefusal(settings({}), start({ submittedAt: at("2027-01-10T09:05:00Z") }), at("2027-01-10T09:06:00Z")),
    ).toBe("examAlreadySubmitted");
  });

  it("start: refused before opening, after closing and with no attempt left; an attempt under way is resumed", () => {
    const now = at("2027-01-10T09:00:00Z");
    expect(examState(settings({ opensAt: at("2027-01-11T00:00:00Z") }), 0, [], now).refusal).toBe("notYetOpen");
    expect(examState(settings({ closesAt: at("2027-01-10T09:00:00Z") }), 0, [], now).refusal).toBe("closed");
    expect(examState(settings({ attempts: 2 }), 2, [], now)).toMatchObject({ refusal: "noAttemptsLeft", remaining: 0 });
    expect(examState(settings({ attempts: 2 }), 2, [start()], now)).toMatchObject({ refusal: null, remaining: 0 });
    const expired = start({ deadline: at("2027-01-10T08:59:00Z") });
    expect(examState(settings({ attempts: 2, timeLimitMinutes: 5 }), 2, [expired], now).live).toBeNull();
    expect(examState(settings({}), 5, [], now).startsOnOpen).toBe(true);
    expect(examState(settings({ timeLimitMinutes: 5 }), 0, [], now).startsOnOpen).toBe(false);
    expect(examState(settings({ attempts: 3 }), 0, [], now).startsOnOpen).toBe(false);
  });

  it("answers: never, after each, after the last attempt (not while it is under way), after closing", () => {
    const now = at("2027-01-10T09:00:00Z");
    expect(answersVisible(settings({ showAnswers: "never" }), 9, false, now)).toBe(false);
    expect(answersVisible(settings({ showAnswers: "after-each" }), 1, false, now)).toBe(true);
    const last = settings({ showAnswers: "after-last-attempt", attempts: 2 });
    expect(answersVisible(last, 1, false, now)).toBe(false);
    expect(answersVisible(last, 2, true, now)).toBe(false);
    expect(answersVisible(last, 2, false, now)).toBe(true);
    expect(answersVisible(settings({ showAnswers: "after-last-attempt" }), 50, false, now)).toBe(false);
    const close = settings({ showAnswers: "after-close", closesAt: at("2027-01-10T10:00:00Z") });
    expect(answersVisible(close, 1, false, now)).toBe(false);
    expect(answersVisible(close, 1, false, at("2027-01-10T10:00:00Z"))).toBe(true);
  });
});

describe("wall times in the cohort's zone", () => {
  it("converts both ways across daylight saving, and refuses impossible dates", () => {
    expect(wallTimeToDate("2027-01-10T09:00", "Europe/Madrid")).toEqual(at("2027-01-10T08:00:00Z"));
    expect(wallTimeToDate("2027-07-10T09:00", "Europe/Madrid")).toEqual(at("2027-07-10T07:00:00Z"));
    expect(wallTimeToDate("2027-01-10T09:00", "UTC")).toEqual(at("2027-01-10T09:00:00Z"));
    expect(wallTimeToDate("2027-02-30T09:00", "UTC")).toBeNull();
    expect(wallTimeToDate("2027-01-10 09:00", "UTC")).toBeNull();
    expect(dateToWallTime(at("2027-07-10T07:00:00Z"), "Europe/Madrid")).toBe("2027-07-10T09:00");
    expect(dateToWallTime(at("2027-01-10T08:00:00Z"), "America/New_York")).toBe("2027-01-10T03:00");
  });
});
