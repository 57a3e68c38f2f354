import { describe, expect, it } from "vitest";
import {
  localizeCard,
  localizePhase,
  localizeQuestion,
  parseCardTranslations,
  parsePhaseTranslations,
  parseQuestionTranslations,
} from "@/lib/content/localize";

const card = { id: "c1", position: 0, front: "Front", back: "Back" };
const phase = { id: "p1", number: 1, title: "Title", summary: "Summary", body: "Body" };
const question = {
  id: "q1",
  kind: "single" as const,
  prompt: "Prompt",
  explanation: "Why",
  choices: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: false },
  ],
};

describe("localized course content", () => {
  it("picks the locale's text and keeps every other field", () => {
    const t = parseCardTranslations(JSON.stringify({ es: { front: "Anverso", back: "Reverso" } }));
    expect(localizeCard(card, t, "es")).toEqual({ id: "c1", position: 0, front: "Anverso", back: "Reverso" });
    const p = parsePhaseTranslations(JSON.stringify({ es: { title: "Título", summary: "Resumen", body: "Cuerpo" } }));
    expect(localizePhase(phase, p, "es")).toEqual({ ...phase, title: "Título", summary: "Resumen", body: "Cuerpo" });
    const q = parseQuestionTranslations(
      JSON.stringify({ es: { prompt: "Pregunta", explanation: "Por qué", choices: { a: "Sí", b: "No" } } }),
    );
    expect(localizeQuestion(question, q, "es")).toEqual({
      ...question,
      prompt: "Pregunta",
      explanation: "Por qué",
      choices: [
        { id: "a", text: "Sí", correct: true },
        { id: "b", text: "No", correct: false },
      ],
    });
  });

  it("falls back to English per item and per field", () => {
    const t = parseCardTranslations(JSON.stringify({ es: { front: "Anverso", back: "Reverso" } }));
    // English asks for no translation, and an item without one is returned as it is.
    expect(localizeCard(card, t, "en")).toBe(card);
    expect(localizeCard(card, parseCardTranslations("{}"), "es")).toBe(card);
    expect(localizeCard(card, undefined, "es")).toBe(card);
    // A stored question missing its explanation or a choice keeps the English ones.
    const q = parseQuestionTranslations(JSON.stringify({ es: { prompt: "Pregunta", choices: { a: "Sí" } } }));
    const localized = localizeQuestion(question, q, "es");
    expect(localized.explanation).toBe("Why");
    expect(localized.choices.map((c) => c.text)).toEqual(["Sí", "B"]);
    // A phase translation with an empty body keeps the English body; one without a body field is unaffected.
    const p = parsePhaseTranslations(JSON.stringify({ es: { title: "Título", summary: "Resumen", body: "" } }));
    expect(localizePhase(phase, p, "es").body).toBe("Body");
    expect(localizePhase({ title: "T", summary: "S" }, p, "es")).toEqual({ title: "Título", summary: "Resumen" });
  });

  it("reads an unreadable translations column as no translation instead of failing", () => {
    for (const bad of ["", "not json", "[]", "null", '"es"', JSON.stringify({ es: { front: "only a front" } })]) {
      expect(parseCardTranslations(bad)).toEqual({});
    }
    expect(parseCardTranslations(null)).toEqual({});
    // Unknown languages and English itself are ignored; valid languages survive a broken neighbour.
    const mixed = parseCardTranslations(
      JSON.stringify({ fr: { front: "F", back: "B" }, en: { front: "F", back: "B" }, es: { front: "A", back: "R" } }),
    );
    expect(mixed).toEqual({ es: { front: "A", back: "R" } });
  });
});
