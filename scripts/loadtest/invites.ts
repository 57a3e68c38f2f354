// Students for the run: invites issued through the portal's own lib function
// (what `npm run admin:invite -- --role student` does) against the server's
// DATABASE_URL, then checked through HTTP so a mismatched database is caught
// before the clock starts.
import { randomBytes } from "node:crypto";
import { issueInvite } from "../../lib/auth/invites";
import { db } from "../../lib/db/client";
import { env } from "../../lib/env";

export type Student = { index: number; email: string; name: string; password: string; invitePath: string };

export async function inviteStudents(count: number, runId: string): Promise<Student[]> {
  try {
    const students: Student[] = [];
    for (let i = 0; i < count; i++) {
      const email = `loadtest-${runId}-${i + 1}@loadtest.invalid`;
      const name = `Load Student ${i + 1}`;
      const invite = await issueInvite({ email, name, role: "student", actorId: null });
      // Four random words' worth of entropy, never on the common-password list.
      const password = `lt ${randomBytes(12).toString("base64url")} quiet river lamp`;
      students.push({ index: i, email, name, password, invitePath: invite.path });
    }
    return students;
  } finally {
    await db().$disconnect();
  }
}

export async function assertServerSeesInvite(base: URL, student: Student): Promise<void> {
  const get = () => fetch(new URL(student.invitePath, base), { redirect: "manual" });
  // Issuing the invites can block this process for longer than the server keeps
  // the /health socket alive; a request on that dead socket fails once, harmlessly.
  const res = await get().catch(get);
  if (res.status !== 200) {
    throw new Error(
      `The server at ${base.origin} does not know the invites written to ${env().databaseUrl} (GET invite → ${res.status}).\n` +
        "Run the load test with the server's MINIPORTAL_DATA_DIR / DATABASE_URL.",
    );
  }
}
