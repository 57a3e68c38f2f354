// The teacher's cockpit on real rows: gradebook figures and at-risk flags, its
// audit, its fixed number of queries, the CSV, archiving, withdrawn invites and
// co-teacher invites. Runs on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { loadGradebook } from "@/lib/admin/gradebook";
import { gradebookCsv } from "@/lib/admin/gradebook-csv";
import { inviteCoTeacher, listInvited, revokeInvite } from "@/lib/admin/invites";
import { listArchived, listStudents, setStudentArchived } from "@/lib/admin/students";
import { issueInvite } from "@/lib/auth/invites";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import type { Db } from "@/lib/db/client";
import { loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { saveNote } from "@/lib/journal/notes";
import { gradeCard } from "@/lib/review/grading";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const DAY = 86_400_000;
let admin: SessionUser;
let cardsByPhase: string[][];

beforeAll(async () => {
  await syncCourse();
  admin = (await createActiveUser("admin")).user;
  const phases = await t.db.phase.findMany({
    where: { retiredAt: null },
    orderBy: { number: "asc" },
    include: { cards: { where: { retiredAt: null }, orderBy: { position: "asc" } } },
  });
  cardsByPhase = phases.map((p) => p.cards.map((c) => c.id));
});

const view = (now = new Date()) => loadGradebook(admin, { requestId: "req-gb", audit: "gradebook.viewed" }, now);
const rowOf = async (id: string, now?: Date) => (await view(now)).rows.find((r) => r.id === id);

/** Two empty submissions, each on the attempt that opening the exam starts. */
async function failExamTwice(user: SessionUser, phase: number) {
  for (let i = 0; i < 2; i++) {
    const sheet = await loadExamSheet(user, phase);
    await submitExam(user, phase, {}, sheet!.startToken);
  }
}

describe("gradebook", () => {
  it("shows per phase the journal, cards and exam, and says why a student is at risk", async () => {
    const { user } = await createActiveUser();
    await saveNote(user, { phaseNumber: 1, baseVersion: 0, text: "# Logs\n\nStructured logs, *one* event per line." });
    await saveNote(user, { phaseNumber: 1, baseVersion: 1, text: "Three words here" });
    const longAgo = new Date(Date.now() - 10 * DAY);
    // 22 cards graded 10 days ago: due a day later, overdue now (a backlog over 20).
    const backlog = [...cardsByPhase[1]!, ...cardsByPhase[2]!, ...cardsByPhase[3]!].slice(0, 22);
    for (const id of backlog) await gradeCard(user, id, 5, longAgo);
    await gradeCard(user, cardsByPhase[0]![0]!, 5, new Date(Date.now() - DAY));
    await gradeCard(user, cardsByPhase[0]![1]!, 1, new Date(Date.now() - DAY));
    await failExamTwice(user, 2);

    const row = (await rowOf(user.id))!;
    const p1 = row.phases[0]!;
    expect(p1.journal).toMatchObject({ saves: 2, words: 3 });
    expect(p1.cards).toMatchObject({ total: cardsByPhase[0]!.length, reviewed: 2, reviews30: 2, retention: 0.5 });
    expect(row.phases[1]!.exam).toMatchObject({ attempts: 2, failures: 2, passed: false, best: 0 });
    expect(row.totals.overdue).toBe(22);
    expect(row.totals.entries).toBe(1);
    expect(row.risks).toEqual([
      { kind: "backlog", overdue: 22 },
      { kind: "failedExam", phaseNumber: 2, failures: 2 },
    ]);
    // A week later with nothing done: inactive too.
    const later = (await rowOf(user.id, new Date(Date.now() + 8 * DAY)))!;
    expect(later.risks[0]).toEqual({ kind: "inactive", days: 8 });
  });

  it("flags an active student who never did anything a week after the invite, not an invited one", async () => {
    const { user } = await createActiveUser();
    await t.db.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - 9 * DAY) } });
    await issueInvite({ email: `waiting-${Date.now()}@example.org`, name: "Waiting", role: "student", actorId: null });
    const book = await view();
    expect(book.rows.find((r) => r.id === user.id)!.risks).toEqual([{ kind: "inactive", days: null }]);
    expect(book.rows.filter((r) => r.status === "invited").every((r) => r.risks.length === 0)).toBe(true);
  });

  it("notes saved before word counting show an unknown count, never a decrypted one", async () => {
    const { user } = await createActiveUser();
    await saveNote(user, { phaseNumber: 3, baseVersion: 0, text: "old note" });
    await t.db.note.updateMany({ where: { userId: user.id }, data: { wordCount: null } });
    const row = (await rowOf(user.id))!;
    expect(row.phases[2]!.journal.words).toBeNull();
    expect(row.totals.words).toBeNull();
  });

  it("is audited on every view and download, and refused to a student", async () => {
    const before = await t.db.eventLog.count({ where: { action: "gradebook.viewed", actorId: admin.id } });
    await view();
    await loadGradebook(admin, { requestId: "req-csv", audit: "gradebook.exported" });
    expect(await t.db.eventLog.count({ where: { action: "gradebook.viewed", actorId: admin.id } })).toBe(before + 1);
    expect(await t.db.eventLog.findFirst({ where: { action: "gradebook.exported" } })).toMatchObject({
      actorId: admin.id,
      requestId: "req-csv",
    });
    const { user: student } = await createActiveUser();
    await expect(loadGradebook(student, { requestId: null, audit: "gradebook.viewed" })).rejects.toMatchObject({
      kind: "forbidden",
    });
  });

  it("takes the same few queries for 3 more students with full activity (no N+1)", async () => {
    const slot = globalThis as unknown as { miniportalDb?: Db };
    const base = slot.miniportalDb!;
    let queries = 0;
    const counting = base.$extends({
      query: {
        $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    }) as unknown as Db;
    // Seeding goes through the counting client too: the course snapshot belongs to one client.
    slot.miniportalDb = counting;
    const count = async () => {
      queries = 0;
      await view();
      return queries;
    };
    try {
      await count(); // the course snapshot loads once for this client
      const small = await count();
      for (let i = 0; i < 3; i++) {
        const { user } = await createActiveUser();
        await saveNote(user, { phaseNumber: 1, baseVersion: 0, text: "words" });
        await gradeCard(user, cardsByPhase[0]![0]!, 4);
        await failExamTwice(user, 1);
      }
      expect(await count()).toBe(small);
      // The roster, its audit row, the course version, notes, two review and two exam aggregates.
      expect(small).toBeLessThanOrEqual(9);
    } finally {
      slot.miniportalDb = base;
    }
  });
});

describe("CSV", () => {
  it("is UTF-8 with a BOM, RFC 4180 quoted, one header row, formulas neutralised", async () => {
    const { user } = await createActiveUser();
    await t.db.user.update({ where: { id: user.id }, data: { name: '=HYPERLINK("http://x","a, b")' } });
    const book = await view();
    const csv = gradebookCsv(book, "en");
    expect(csv.startsWith("\uFEFFStudent,SIS Login ID,Status,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines).toHaveLength(book.rows.length + 2); // header, rows, the empty string after the last CRLF
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""a, b"")",${user.email},active,`);
    expect(lines[0]!.split(",")).toHaveLength(5 + 10 * book.phases.length);
    expect(gradebookCsv(book, "es")).toContain("Student,SIS Login ID,Estado,");
  });
});

describe("people", () => {
  it("archives a student out of the roster and gradebook and back, audited, data kept", async () => {
    const { user } = await createActiveUser();
    await saveNote(user, { phaseNumber: 1, baseVersion: 0, text: "kept" });
    await setStudentArchived(admin, user.id, true, "req-archive");
    expect((await listStudents(admin)).some((s) => s.id === user.id)).toBe(false);
    expect((await view()).rows.some((r) => r.id === user.id)).toBe(false);
    expect((await listArchived(admin)).map((s) => s.id)).toContain(user.id);
    expect(await t.db.note.count({ where: { userId: user.id } })).toBe(1);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("active");

    await setStudentArchived(admin, user.id, false, "req-restore");
    expect((await listStudents(admin)).some((s) => s.id === user.id)).toBe(true);
    expect((await rowOf(user.id))!.phases[0]!.journal.saves).toBe(1);
    const events = await t.db.eventLog.findMany({ where: { targetId: user.id, action: { startsWith: "student." } } });
    expect(events.map((e) => [e.action, e.actorId, e.requestId])).toEqual([
      ["student.archived", admin.id, "req-archive"],
      ["student.unarchived", admin.id, "req-restore"],
    ]);
  });

  it("refuses to archive an invited person and lets no student archive anyone", async () => {
    const invite = await issueInvite({
      email: `inv-${Date.now()}@example.org`,
      name: "Inv",
      role: "student",
      actorId: null,
    });
    await expect(setStudentArchived(admin, invite.userId, true, null)).rejects.toMatchObject({ key: "archiveInvited" });
    const { user: student } = await createActiveUser();
    await expect(setStudentArchived(student, student.id, true, null)).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("drops a withdrawn invite from the roster, the invite list and both counts; an expired one stays", async () => {
    const withdrawn = await issueInvite({
      email: `w-${Date.now()}@example.org`,
      name: "W",
      role: "student",
      actorId: null,
    });
    const expired = await issueInvite(
      { email: `e-${Date.now()}@example.org`, name: "E", role: "student", actorId: null },
      new Date(Date.now() - 30 * DAY),
    );
    await revokeInvite(admin, withdrawn.userId, null);
    const roster = (await listStudents(admin)).map((s) => s.id);
    const invited = await listInvited(admin);
    expect(roster).not.toContain(withdrawn.userId);
    expect(invited.map((i) => i.userId)).not.toContain(withdrawn.userId);
    expect((await view()).rows.map((r) => r.id)).not.toContain(withdrawn.userId);
    expect(roster).toContain(expired.userId);
    expect(invited.find((i) => i.userId === expired.userId)?.state).toBe("expired");
    // Inviting the address again brings the person back.
    await issueInvite({ email: withdrawn.email, name: "W", role: "student", actorId: null });
    expect((await listInvited(admin)).map((i) => i.userId)).toContain(withdrawn.userId);
  });

  it("invites a co-teacher as an admin, audited, and never turns a student into one", async () => {
    const email = `co-${Date.now()}@example.org`;
    const invite = await inviteCoTeacher(admin, { email, name: "Co Teacher" }, "req-co");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } })).role).toBe("admin");
    const event = await t.db.eventLog.findFirstOrThrow({ where: { action: "invite.issued", targetId: invite.userId } });
    expect(event).toMatchObject({ actorId: admin.id, requestId: "req-co" });
    expect(JSON.parse(event.detail!)).toMatchObject({ role: "admin" });
    expect((await listInvited(admin)).map((i) => i.userId)).not.toContain(invite.userId);

    const { email: studentEmail, user: student } = await createActiveUser();
    await expect(inviteCoTeacher(admin, { email: studentEmail, name: "X" }, null)).rejects.toMatchObject({
      key: "coTeacherIsStudent",
    });
    await expect(inviteCoTeacher(student, { email: "x@example.org", name: "X" }, null)).rejects.toMatchObject({
      kind: "forbidden",
    });
  });
});
