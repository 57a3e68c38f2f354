import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, readCourse } from "@/lib/content/course-files";
import { parsePhaseNumber } from "@/lib/content/phases";

function course(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mp-content-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const phaseMd = (n: number, slug: string) =>
  `---\nnumber: ${n}\nslug: ${slug}\ntitle: T${n}\nsummary: S${n}\n---\nBody ${n}\n`;

describe("course files", () => {
  it("the shipped course has at least 6 phases, each with 8+ cards and 5+ questions", () => {
    const phases = readCourse(path.resolve("content"));
    expect(phases.length).toBeGreaterThanOrEqual(6);
    for (const p of phases) {
      expect(p.summary.length).toBeGreaterThan(0);
      expect(p.cards.length).toBeGreaterThanOrEqual(8);
      expect(p.questions.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("reads phases in number order with their cards and questions", () => {
    const dir = course({
      "phases/b/phase.md": phaseMd(2, "two"),
      "phases/a/phase.md": phaseMd(1, "one"),
      "phases/a/cards.yaml": "- id: c1\n  front: F\n  back: B\n",
      "phases/a/exam.yaml":
        "passMark: 0.5\nquestions:\n  - id: q1\n    kind: single\n    prompt: P\n    choices:\n      - id: a\n        text: A\n        correct: true\n      - id: b\n        text: B\n",
    });
    const [one, two] = readCourse(dir);
    expect(one?.slug).toBe("one");
    expect(one?.passMark).toBe(0.5);
    expect(one?.cards[0]).toEqual({ id: "c1", front: "F", back: "B" });
    expect(one?.questions[0]?.choices[1]?.correct).toBe(false);
    expect(two?.cards).toEqual([]);
  });

  it("names the file and the problem for invalid content", () => {
    const dupCards = course({
      "phases/a/phase.md": phaseMd(1, "one"),
      "phases/a/cards.yaml": "- {id: x, front: F, back: B}\n- {id: x, front: G, back: C}\n",
    });
    expect(() => readCourse(dupCards)).toThrow(/cards.yaml: id "x" appears twice/);
    const twoCorrect = course({
      "phases/a/phase.md": phaseMd(1, "one"),
      "phases/a/exam.yaml":
        "questions:\n  - id: q\n    kind: single\n    prompt: P\n    choices:\n      - {id: a, text: A, correct: true}\n      - {id: b, text: B, correct: true}\n",
    });
    expect(() => readCourse(twoCorrect)).toThrow(ContentError);
    const badFront = course({ "phases/a/phase.md": "---\nnumber: one\n---\n" });
    expect(() => readCourse(badFront)).toThrow(/phase.md: number/);
  });
});

describe("phase numbers in URLs", () => {
  it("accepts 1-99 with or without a leading zero and nothing else", () => {
    expect(parsePhaseNumber("07")).toBe(7);
    expect(parsePhaseNumber("13")).toBe(13);
    for (const bad of ["0", "00", "100", "-1", "1e1", "abc", "", "７", "1 "]) expect(parsePhaseNumber(bad)).toBeNull();
  });
});
