import { describe, expect, it } from "vitest";
import {
  foreignLang,
  hasForeignText,
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
    expect(localizeCard(card, t, "es")).toEqual({
      id: "c1",
      position: 0,
      front: "Anverso",
      back: "Reverso",
      lang: "es",
    });
    const p = parsePhaseTranslations(JSON.stringify({ es: { title: "Título", summary: "Resumen", body: "Cuerpo" } }));
    expect(localizePhase(phase, p, "es")).toEqual({
      ...phase,
      title: "Título",
      summary: "Resumen",
      body: "Cuerpo",
      lang: "es",
    });
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
      lang: "es",
    });
  });

  it("falls back to English per item, and says so in the item's lang", () => {
    const t = parseCardTranslations(JSON.stringify({ es: { front: "Anverso", back: "Reverso" } }));
    // English asks for no translation, and an item without one stays as it is, in English.
    expect(localizeCard(card, t, "en")).toEqual({ ...card, lang: "en" });
    expect(localizeCard(card, parseCardTranslations("{}"), "es")).toEqual({ ...card, lang: "en" });
    expect(localizeCard(card, undefined, "es")).toEqual({ ...card, lang: "en" });
    // An item is wholly in one language: a stored question lacking its explanation or a
    // choice, or a phase lacking its body, is shown in English rather than mixed.
    const q = parseQuestionTranslations(JSON.stringify({ es: { prompt: "Pregunta", choices: { a: "Sí" } } }));
    expect(localizeQuestion(question, q, "es")).toEqual({ ...question, lang: "en" });
    const p = parsePhaseTranslations(JSON.stringify({ es: { title: "Título", summary: "Resumen", body: "" } }));
    expect(localizePhase(phase, p, "es")).toEqual({ ...phase, lang: "en" });
    // Without a body to show, the title and summary are enough.
    expect(localizePhase({ title: "T", summary: "S" }, p, "es")).toEqual({
      title: "Título",
      summary: "Resumen",
      lang: "es",
    });
  });

  it("names a text's language only where it differs from the page's", () => {
    expect(foreignLang("en", "es")).toBe("en");
    expect(foreignLang("es", "es")).toBeUndefined();
    expect(foreignLang("en", "en")).toBeUndefined();
    expect(hasForeignText([{ lang: "es" }, { lang: "es" }], "es")).toBe(false);
    expect(hasForeignText([{ lang: "es" }, { lang: "en" }], "es")).toBe(true);
    expect(hasForeignText([], "es")).toBe(false);
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
