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

const examYaml =
  "questions:\n  - id: q1\n    kind: single\n    prompt: P\n    explanation: E\n    choices:\n" +
  "      - {id: a, text: A, correct: true}\n      - {id: b, text: B}\n  - id: q2\n    kind: single\n    prompt: P2\n" +
  "    choices:\n      - {id: a, text: A2, correct: true}\n      - {id: b, text: B2}\n";
const english = {
  "phases/a/phase.md": phaseMd(1, "one"),
  "phases/a/cards.yaml": "- {id: c1, front: F1, back: B1}\n- {id: c2, front: F2, back: B2}\n",
  "phases/a/exam.yaml": examYaml,
};
const esQuestion = (choices: string, extra = "    explanation: Ex\n") =>
  `questions:\n  - id: q1\n    prompt: Pe\n${extra}    choices:\n${choices}`;

describe("course translations", () => {
  it("the shipped course has Spanish for every page, card and question of its first two phases", () => {
    const [logs, metrics] = readCourse(path.resolve("content"));
    for (const p of [logs!, metrics!]) {
      const es = p.translations.es!;
      expect(es.phase?.title).toBeTruthy();
      expect(es.phase?.body.length).toBeGreaterThan(p.body.length / 2);
      expect(Object.keys(es.cards).sort()).toEqual(p.cards.map((c) => c.id).sort());
      expect(Object.keys(es.questions).sort()).toEqual(p.questions.map((q) => q.id).sort());
      for (const q of p.questions) {
        expect(Object.keys(es.questions[q.id]!.choices)).toEqual(q.choices.map((c) => c.id));
        if (q.explanation) expect(es.questions[q.id]!.explanation).toBeTruthy();
      }
    }
  });

  it("reads phase.es.md, cards.es.yaml and exam.es.yaml beside the English files, some items only", () => {
    const dir = course({
      ...english,
      "phases/a/phase.es.md": "---\ntitle: Te\nsummary: Se\n---\nCuerpo\n",
      "phases/a/cards.es.yaml": "- {id: c2, front: F2e, back: B2e}\n",
      "phases/a/exam.es.yaml": esQuestion("      - {id: b, text: Be}\n      - {id: a, text: Ae}\n"),
    });
    const [one] = readCourse(dir);
    expect(one?.translations).toEqual({
      es: {
        phase: { title: "Te", summary: "Se", body: "Cuerpo" },
        cards: { c2: { front: "F2e", back: "B2e" } },
        // Choices in the English order, whatever the translation's order.
        questions: { q1: { prompt: "Pe", explanation: "Ex", choices: { a: "Ae", b: "Be" } } },
      },
    });
    // English is untouched: correctness and order come from it alone.
    expect(one?.questions[0]?.choices.map((c) => [c.id, c.text, c.correct])).toEqual([
      ["a", "A", true],
      ["b", "B", false],
    ]);
    const untranslated = readCourse(course(english))[0];
    expect(untranslated?.translations).toEqual({});
    const phaseOnly = readCourse(
      course({ ...english, "phases/a/phase.es.md": "---\ntitle: Te\nsummary: Se\n---\nC\n" }),
    );
    expect(phaseOnly[0]?.translations.es).toMatchObject({ cards: {}, questions: {} });
  });

  it("names the file and the problem for an invalid translation", () => {
    const bad = (files: Record<string, string>) => () => readCourse(course({ ...english, ...files }));
    expect(bad({ "phases/a/cards.es.yaml": "- {id: nope, front: F, back: B}\n" })).toThrow(
      /cards\.es\.yaml: card "nope" is not in cards\.yaml/,
    );
    expect(bad({ "phases/a/cards.es.yaml": "- {id: c1, front: F}\n" })).toThrow(/cards\.es\.yaml: 0\.back/);
    expect(bad({ "phases/a/cards.es.yaml": "- {id: c1, front: F, back: B}\n- {id: c1, front: G, back: C}\n" })).toThrow(
      /cards\.es\.yaml: id "c1" appears twice/,
    );
    expect(
      bad({ "phases/a/exam.es.yaml": esQuestion("      - {id: a, text: Ae}\n      - {id: z, text: Ze}\n") }),
    ).toThrow(/exam\.es\.yaml: question "q1" has no choice "z" in exam\.yaml/);
    expect(bad({ "phases/a/exam.es.yaml": esQuestion("      - {id: a, text: Ae}\n") })).toThrow(
      /exam\.es\.yaml: question "q1" does not translate choice "b"/,
    );
    expect(
      bad({ "phases/a/exam.es.yaml": esQuestion("      - {id: a, text: Ae}\n      - {id: b, text: Be}\n", "") }),
    ).toThrow(/exam\.es\.yaml: question "q1" has no explanation/);
    expect(
      bad({
        "phases/a/exam.es.yaml": "questions:\n  - id: q9\n    prompt: P\n    choices:\n      - {id: a, text: A}\n",
      }),
    ).toThrow(/exam\.es\.yaml: question "q9" is not in exam\.yaml/);
    expect(
      bad({ "phases/a/exam.es.yaml": "questions:\n  - id: q2\n    choices:\n      - {id: a, text: A}\n" }),
    ).toThrow(/exam\.es\.yaml: questions\.0\.prompt/);
    // Correctness, kinds and pass marks live in the English files only.
    expect(
      bad({
        "phases/a/exam.es.yaml": esQuestion("      - {id: a, text: Ae, correct: true}\n      - {id: b, text: Be}\n"),
      }),
    ).toThrow(/exam\.es\.yaml: .*correct/);
    expect(bad({ "phases/a/exam.es.yaml": "passMark: 0.5\nquestions: []\n" })).toThrow(/exam\.es\.yaml: .*passMark/);
    expect(bad({ "phases/a/phase.es.md": "---\ntitle: T\n---\nC\n" })).toThrow(/phase\.es\.md: summary/);
    expect(bad({ "phases/a/phase.es.md": "---\ntitle: T\nsummary: S\nnumber: 1\n---\nC\n" })).toThrow(
      /phase\.es\.md: .*number/,
    );
    expect(bad({ "phases/a/phase.es.md": "---\ntitle: T\nsummary: S\n---\n" })).toThrow(
      /phase\.es\.md: the body is missing/,
    );
    // A language the portal does not speak, or English under a suffix, would be ignored silently.
    expect(bad({ "phases/a/phase.fr.md": "---\ntitle: T\nsummary: S\n---\nC\n" })).toThrow(
      /phase\.fr\.md: not a translation file/,
    );
    expect(bad({ "phases/a/cards.en.yaml": "[]\n" })).toThrow(/cards\.en\.yaml: not a translation file/);
  });
});

describe("phase numbers in URLs", () => {
  it("accepts 1-99 with or without a leading zero and nothing else", () => {
    expect(parsePhaseNumber("07")).toBe(7);
    expect(parsePhaseNumber("13")).toBe(13);
    for (const bad of ["0", "00", "100", "-1", "1e1", "abc", "", "７", "1 "]) expect(parsePhaseNumber(bad)).toBeNull();
  });
});
