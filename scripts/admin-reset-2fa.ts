// npm run admin:reset-2fa -- --email admin@example.org
// For the last admin who lost every second factor and every recovery code: deletes the
// account's factors and codes and ends its sessions (audited, actor "server command");
// the next sign-in leads through enrolment again (docs/two-factor.md).
import { z } from "zod";
import { resetSecondFactorsByCommand } from "../lib/auth/second-factor/recovery";
import { emailField } from "../lib/auth/schemas";
import { db } from "../lib/db/client";
import { localizeText } from "../lib/i18n/translate";
import { parseFlags, runScript } from "./script-utils";

const args = z.object({ email: emailField });

await runScript(async () => {
  const parsed = args.safeParse(parseFlags(process.argv.slice(2)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join(".")}: ${localizeText(i.message, "en")}`);
    throw new Error(`${problems.join("\n  ")}\nUsage: npm run admin:reset-2fa -- --email admin@example.org`);
  }
  const result = await resetSecondFactorsByCommand(parsed.data.email);
  if (!result) throw new Error(`No account has the email ${parsed.data.email}.`);
  console.log(
    `Second factors of ${parsed.data.email} reset (${result.factors} removed, recovery codes voided, sessions ended). ` +
      "The next sign-in asks for a new factor.",
  );
  await db().$disconnect();
});
