// npm run admin:invite -- --email a@b.org --name "Ada" [--role student]
import { z } from "zod";
import { issueInvite } from "../lib/auth/invites";
import { emailField, nameField } from "../lib/auth/schemas";
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { localizeText } from "../lib/i18n/translate";
import { parseFlags, runScript } from "./script-utils";

const args = z.object({ email: emailField, name: nameField, role: z.enum(["admin", "student"]).default("admin") });

await runScript(async () => {
  const parsed = args.safeParse(parseFlags(process.argv.slice(2)));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `--${i.path.join(".")}: ${localizeText(i.message, "en")}`)
      .join("\n  ");
    throw new Error(
      `${problems}\nUsage: npm run admin:invite -- --email you@example.org --name "Your Name" [--role admin|student]`,
    );
  }
  const invite = await issueInvite({ ...parsed.data, actorId: null });
  const base = env().baseUrl;
  console.log(
    `Invite for ${invite.email} (${parsed.data.role}), valid until ${invite.expiresAt.toISOString()}:\n  ${new URL(invite.path, base)}`,
  );
  await db().$disconnect();
});
