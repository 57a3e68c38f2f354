// The export's README speaks the account's language; file names and the rest of
// the format stay the same in every language.
import { describe, expect, it } from "vitest";
import { exportReadme, unreadableNoteText } from "@/lib/export/readme";

const user = { name: "Ana Pérez", email: "ana@example.test" };
const now = new Date("2026-11-22T10:00:00Z");
const FILES = ["notes/NN-slug.md", "reviews.json", "review-states.json", "exams.json"];

/** The file listed at the start of each line of the README's file table. */
const listed = (readme: string) => readme.split("\n").flatMap((l) => /^(\S+\.(?:md|json)) {2,}\S/.exec(l)?.[1] ?? []);

describe("export README", () => {
  it("is written in English for an English account", () => {
    const readme = exportReadme(user, now, "en");
    expect(readme).toContain("Miniportal export for Ana Pérez <ana@example.test>, made 2026-11-22T10:00:00.000Z.");
    expect(readme).toContain("reviews.json         every flashcard grade you gave");
    expect(listed(readme)).toEqual(FILES);
  });

  it("is written in Spanish for a Spanish account, with the same file names", () => {
    const readme = exportReadme(user, now, "es");
    expect(readme).toContain(
      "Exportación de Miniportal de Ana Pérez <ana@example.test>, generada el 2026-11-22T10:00:00.000Z.",
    );
    expect(readme).toContain("notes/NN-slug.md     tu diario, un archivo markdown por fase (descifrado)");
    expect(readme).toContain("Los nombres de archivo y de campo son los mismos en todos los idiomas.");
    expect(readme).not.toMatch(/your journal|every flashcard|exam attempts/);
    expect(listed(readme)).toEqual(FILES);
  });

  it("says in the account's language that a note could not be decrypted", () => {
    expect(unreadableNoteText("01", "Logs estructurados", "es")).toBe(
      "La nota del diario de la fase 01 (Logs estructurados) no se pudo descifrar, así que no se incluye.\n",
    );
    expect(unreadableNoteText("01", "Structured logs", "en")).toMatch(
      /^The journal note for phase 01 \(Structured logs\)/,
    );
  });
});
