// Seeds students with full histories for the benchmarks: SM-2 review logs over
// many days (or every card every day with `dense`), two exam attempts per phase
// and a journal note per phase, both sealed through the vault, plus a signed-in
// session per student. Deterministic (seeded PRNG) so runs are comparable.
// Expects process.env to hold the data dir and secrets already (lib/env reads them).
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../lib/db/generated/client";

export type SeedOptions = { databaseUrl: string; students: number; days: number; dense?: boolean };
export type Seeded = { cookies: string[]; names: string[]; logCount: number; attempts: number; notes: number };

const DAY = 86_400_000;

// Deterministic pseudo-random numbers (mulberry32).
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedHistories({
  databaseUrl,
  students: STUDENTS,
  days: DAYS,
  dense: DENSE = false,
}: SeedOptions): Promise<Seeded> {
  const { migrateDatabase } = await import("../../lib/db/migrate");
  const { createDb } = await import("../../lib/db/client");
  const { syncCourse } = await import("../../lib/content/sync");
  const { nextSm2, dueDate, NEW_ITEM } = await import("../../lib/review/sm2");
  const { ratingOfGrade } = await import("../../lib/review/rating");
  const { seal } = await import("../../lib/vault");
  const { createSession } = await import("../../lib/auth/sessions");
  const { encodeSessionToken, sessionCookieName } = await import("../../lib/auth/session-cookie");
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  (globalThis as unknown as { miniportalDb?: typeof db }).miniportalDb = db; // seal() uses db()
  await syncCourse();
  const phases = await db.phase.findMany({
    where: { retiredAt: null },
    include: { cards: { where: { retiredAt: null }, orderBy: { position: "asc" } } },
    orderBy: { number: "asc" },
  });
  const cards = phases.flatMap((p) => p.cards.map((c) => c.id));
  const now = new Date();
  const firstDay = new Date(dueDate(now, 0).getTime() - DAYS * DAY);
  const cookies: string[] = [];
  const names: string[] = [];
  let logCount = 0;

  for (let s = 0; s < STUDENTS; s++) {
    const random = rng(s + 1);
    names.push(`Bench Student ${s}`);
    const user = await db.user.create({
      data: { email: `bench${s}@example.org`, name: `Bench Student ${s}`, role: "student", status: "active" },
    });
    type St = { repetitions: number; easiness: number; intervalDays: number; dueAt: Date; lastReviewedAt: Date };
    const states = new Map<string, St>();
    const logs: Prisma.ReviewLogCreateManyInput[] = [];
    const grade = () => {
      const r = random();
      return r < 0.08 ? 1 + Math.floor(random() * 2) : r < 0.25 ? 3 : r < 0.7 ? 4 : 5;
    };
    for (let d = 0; d <= DAYS; d++) {
      const day = new Date(firstDay.getTime() + d * DAY);
      let at = day.getTime() + 8 * 3600_000 + Math.floor(random() * 8 * 3600_000);
      if (at > now.getTime()) at = now.getTime() - 60_000;
      for (const cardId of cards.slice(0, Math.min(cards.length, (d + 1) * 8))) {
        const prev = states.get(cardId);
        const due = !prev || prev.dueAt.getTime() <= at;
        if (!due && !DENSE) continue;
        at += 20_000;
        const reviewedAt = new Date(at);
        const g = grade();
        const base = prev ?? { ...NEW_ITEM, dueAt: null, lastReviewedAt: null };
        const prevFields = {
          prevRepetitions: base.repetitions,
          prevEasiness: base.easiness,
          prevIntervalDays: base.intervalDays,
          prevDueAt: base.dueAt,
          prevLastReviewed: base.lastReviewedAt,
        };
        if (!due && prev) {
          logs.push({
            userId: user.id,
            cardId,
            grade: g,
            rating: ratingOfGrade(g),
            reviewedAt,
            redrill: true,
            ...prevFields,
            repetitions: prev.repetitions,
            easiness: prev.easiness,
            intervalDays: prev.intervalDays,
            dueAt: prev.dueAt,
          });
          continue;
        }
        const next = nextSm2(base, g);
        const st = { ...next, dueAt: dueDate(reviewedAt, next.intervalDays), lastReviewedAt: reviewedAt };
        states.set(cardId, st);
        logs.push({
          userId: user.id,
          cardId,
          grade: g,
          rating: ratingOfGrade(g),
          reviewedAt,
          ...prevFields,
          ...next,
          dueAt: st.dueAt,
        });
        for (let again = g; again < 4;) {
          again = 3 + Math.floor(random() * 3);
          at += 15_000;
          logs.push({
            userId: user.id,
            cardId,
            grade: again,
            rating: ratingOfGrade(again),
            reviewedAt: new Date(at),
            redrill: true,
            ...prevFields,
            prevRepetitions: st.repetitions,
            prevEasiness: st.easiness,
            prevIntervalDays: st.intervalDays,
            prevDueAt: st.dueAt,
            prevLastReviewed: reviewedAt,
            repetitions: st.repetitions,
            easiness: st.easiness,
            intervalDays: st.intervalDays,
            dueAt: st.dueAt,
          });
        }
      }
    }
    for (let i = 0; i < logs.length; i += 2000) await db.reviewLog.createMany({ data: logs.slice(i, i + 2000) });
    await db.reviewState.createMany({ data: [...states].map(([cardId, st]) => ({ userId: user.id, cardId, ...st })) });
    logCount += logs.length;

    for (const phase of phases) {
      for (let a = 0; a < 2; a++) {
        const id = randomUUID();
        const submittedAt = new Date(firstDay.getTime() + Math.floor(random() * DAYS * DAY));
        const correct = 2 + Math.floor(random() * 4);
        const sealed = await seal(
          { ownerId: user.id, table: "ExamAttempt", rowId: id },
          JSON.stringify({ v: 1, outcomes: [] }),
        );
        await db.examAttempt.create({
          data: {
            id,
            userId: user.id,
            phaseId: phase.id,
            score: correct / 6,
            correctCount: correct,
            total: 6,
            passed: correct >= 5,
            startedAt: new Date(submittedAt.getTime() - 300_000),
            submittedAt,
            ciphertext: new Uint8Array(sealed.ciphertext),
            iv: new Uint8Array(sealed.iv),
            keyId: sealed.keyId,
            format: sealed.format,
          },
        });
      }
      const noteId = randomUUID();
      const text = `Notes for phase ${phase.number}. `.repeat(40);
      const sealed = await seal({ ownerId: user.id, table: "Note", rowId: noteId }, text);
      await db.note.create({
        data: {
          id: noteId,
          userId: user.id,
          phaseId: phase.id,
          ciphertext: new Uint8Array(sealed.ciphertext),
          iv: new Uint8Array(sealed.iv),
          keyId: sealed.keyId,
          format: sealed.format,
          sizeBytes: text.length,
        },
      });
    }
    const session = await createSession(user.id);
    cookies.push(
      `${sessionCookieName()}=${await encodeSessionToken({ sub: user.id, sid: session.sid, sv: 1 }, session.expiresAt)}`,
    );
  }
  await db.$disconnect();
  return { cookies, names, logCount, attempts: STUDENTS * phases.length * 2, notes: STUDENTS * phases.length };
}

/**
 * Seeds in a child process and returns what it printed. Everything the seeding
 * opened (Prisma clients, the schema engine) is gone when it exits, so the
 * portal's own `npm start` can migrate the same file without waiting on a lock.
 */
export async function seedInChild(options: SeedOptions, env: Record<string, string>): Promise<Seeded> {
  const { spawnSync } = await import("node:child_process");
  const path = await import("node:path");
  const result = spawnSync(
    process.execPath,
    [
      path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs"),
      "scripts/bench/seed-histories.ts",
      JSON.stringify(options),
    ],
    {
      env: { ...process.env, ...env, MINIPORTAL_BENCH_SEED: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error(`seeding failed (exit ${result.status})`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Seeded;
}

if (process.env.MINIPORTAL_BENCH_SEED === "1" && process.argv[2]) {
  const seeded = await seedHistories(JSON.parse(process.argv[2]) as SeedOptions);
  console.log(JSON.stringify(seeded));
  process.exit(0);
}
