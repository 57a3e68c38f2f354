// The export zip, built from real rows and opened with the system's unzip:
// the student's own notes decrypted, reviews and exam attempts with answers,
// and nothing of anyone else.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { DomainError } from "@/lib/errors";
import { exportArchive } from "@/lib/export/archive";
import { saveNote } from "@/lib/journal/notes";
import { seal } from "@/lib/vault";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let alice: Awaited<ReturnType<typeof createActiveUser>>;
let bob: Awaited<ReturnType<typeof createActiveUser>>;
type Choice = { id: string; text: string; correct?: boolean };
let firstQuestion: { id: string; prompt: string; choices: Choice[] };

async function download(user: typeof alice.user, locale: "en" | "es" = "en"): Promise<string> {
  const chunks: Uint8Array[] = [];
  const reader = exportArchive(user, new Date("2026-11-22T10:00:00Z"), locale).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const file = path.join(t.dir, `export-${user.id}-${locale}.zip`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}
const list = (zip: string) => execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).trim().split("\n").sort();
const read = (zip: string, name: string) => execFileSync("unzip", ["-p", zip, name], { encoding: "utf8" });

beforeAll(async () => {
  await syncCourse();
  alice = await createActiveUser();
  bob = await createActiveUser();
  await saveNote(alice.user, {
    phaseNumber: 1,
    baseVersion: 0,
    text: "# Alice on logs\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
  });
  await saveNote(alice.user, { phaseNumber: 3, baseVersion: 0, text: "Alice phase three ✓" });
  await saveNote(bob.user, { phaseNumber: 1, baseVersion: 0, text: "BOB-ONLY journal text" });
  const card = await t.db.card.findFirstOrThrow({ where: { phase: { number: 1 } }, orderBy: { position: "asc" } });
  await t.db.reviewLog.create({
    data: {
      userId: alice.id,
      cardId: card.id,
      grade: 4,
      prevRepetitions: 0,
      prevEasiness: 2.5,
      prevIntervalDays: 0,
      repetitions: 1,
      easiness: 2.5,
      intervalDays: 1,
      dueAt: new Date("2026-11-23T00:00:00Z"),
      reviewedAt: new Date("2026-11-22T09:00:00Z"),
    },
  });
  const phase = await t.db.phase.findFirstOrThrow({ where: { number: 1 } });
  const question = await t.db.examQuestion.findFirstOrThrow({
    where: { phaseId: phase.id },
    orderBy: { position: "asc" },
  });
  firstQuestion = { id: question.id, prompt: question.prompt, choices: JSON.parse(question.choicesJson) as Choice[] };
  for (const who of [alice, bob]) {
    const id = crypto.randomUUID();
    const sealed = await seal(
      { ownerId: who.id, table: "ExamAttempt", rowId: id },
      JSON.stringify({
        v: 1,
        outcomes: [{ questionId: question.id, chosen: who === alice ? ["a"] : ["BOB-choice"], correct: false }],
      }),
    );
    await t.db.examAttempt.create({
      data: {
        id,
        userId: who.id,
        phaseId: phase.id,
        score: 0.8,
        correctCount: 4,
        total: 5,
        passed: true,
        startedAt: new Date("2026-11-22T09:10:00Z"),
        submittedAt: new Date("2026-11-22T09:15:30Z"),
        ciphertext: new Uint8Array(sealed.ciphertext),
        iv: new Uint8Array(sealed.iv),
        keyId: sealed.keyId,
        format: sealed.format,
      },
    });
  }
});

describe("export", () => {
  it("holds the student's decrypted notes, reviews and exam attempts, and nothing of another student", async () => {
    const zip = await download(alice.user);
    const phases = await t.db.phase.findMany({ where: { number: { in: [1, 3] } }, orderBy: { number: "asc" } });
    expect(list(zip)).toEqual(
      [
        "README.txt",
        "exams.json",
        `notes/01-${phases[0]!.slug}.md`,
        `notes/03-${phases[1]!.slug}.md`,
        "review-states.json",
        "reviews.json",
      ].sort(),
    );
    expect(read(zip, `notes/01-${phases[0]!.slug}.md`)).toBe("# Alice on logs\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    expect(read(zip, `notes/03-${phases[1]!.slug}.md`)).toBe("Alice phase three ✓");
    const reviews = JSON.parse(read(zip, "reviews.json")) as { grade: number; phase: number; undone: boolean }[];
    expect(reviews).toEqual([
      expect.objectContaining({ grade: 4, phase: 1, undone: false, reviewedAt: "2026-11-22T09:00:00.000Z" }),
    ]);
    const exams = JSON.parse(read(zip, "exams.json")) as unknown[];
    expect(exams).toEqual([
      expect.objectContaining({
        phase: 1,
        score: 0.8,
        correct: 4,
        total: 5,
        passed: true,
        durationSeconds: 330,
        // The question and the answers in words, not ids.
        answers: [
          {
            question: firstQuestion.prompt,
            yourAnswers: [firstQuestion.choices.find((c) => c.id === "a")!.text],
            correctAnswers: firstQuestion.choices.filter((c) => c.correct).map((c) => c.text),
            correct: false,
          },
        ],
      }),
    ]);
    const everything = execFileSync("unzip", ["-p", zip], { encoding: "utf8" });
    expect(everything).not.toContain("BOB");
  });

  it("marks an undecryptable note instead of failing the whole download", async () => {
    const a = await t.db.note.findFirstOrThrow({ where: { userId: alice.id, phase: { number: 1 } } });
    const b = await t.db.note.findFirstOrThrow({ where: { userId: bob.id, phase: { number: 1 } } });
    await t.db.note.update({ where: { id: b.id }, data: { ciphertext: a.ciphertext, iv: a.iv, keyId: a.keyId } });
    const zip = await download(bob.user);
    const names = list(zip);
    expect(names.some((n) => /^notes\/01-.*\.UNREADABLE\.txt$/.test(n))).toBe(true);
    expect(execFileSync("unzip", ["-p", zip], { encoding: "utf8" })).not.toContain("Alice on logs");
  });

  it("writes the README in the account's language and keeps every file and field as it is", async () => {
    const [en, es] = [await download(alice.user, "en"), await download(alice.user, "es")];
    expect(list(es)).toEqual(list(en));
    expect(read(en, "README.txt")).toMatch(/^Miniportal export for /);
    const readme = read(es, "README.txt");
    expect(readme).toMatch(/^Exportación de Miniportal de /);
    expect(readme).toContain("exams.json           tus intentos de examen");
    expect(readme).not.toContain("your exam attempts");
    const keys = (zip: string) => Object.keys((JSON.parse(read(zip, "exams.json")) as object[])[0]!).sort();
    expect(keys(es)).toEqual(keys(en));
    expect(read(es, "reviews.json")).toBe(read(en, "reviews.json"));
  });

  it("refuses admins before a byte is sent", async () => {
    const admin = await createActiveUser("admin");
    let refusal: unknown;
    try {
      exportArchive(admin.user);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: "forbidden", message: "Only a student can export their own data." });
  });
});
