// npm run vault:rekey — change the master pass. The data keys are re-wrapped
// under a key derived from the new pass; no note or exam ciphertext changes.
// Old pass: PORTAL_MASTER_PASS (or data/secrets.json). New pass:
// PORTAL_NEW_MASTER_PASS, or typed twice at a prompt that does not echo.
import { db } from "../lib/db/client";
import { env } from "../lib/env";
import { rekeyVault } from "../lib/vault/admin";
import { promptHidden } from "../lib/vault/prompt";
import { commitStagedPass, discardStagedPass, passSource, stageNewPass } from "../lib/vault/secrets-update";
import { runScript } from "./script-utils";

async function newPassFromUser(): Promise<string> {
  if (process.env.PORTAL_NEW_MASTER_PASS) return process.env.PORTAL_NEW_MASTER_PASS;
  const first = await promptHidden("New master pass (at least 16 characters): ");
  const second = await promptHidden("Repeat the new master pass: ");
  if (first !== second) throw new Error("The two entries differ; nothing was changed.");
  return first;
}

await runScript(async () => {
  const config = env();
  const source = passSource(process.env, config.secretsFile);
  const newPass = await newPassFromUser();
  if (newPass.length < 16) throw new Error("The new master pass must be at least 16 characters; nothing was changed.");
  if (newPass === config.PORTAL_MASTER_PASS)
    throw new Error("The new master pass is the same as the current one; nothing was changed.");
  const staged = source.kind === "secrets-file" ? stageNewPass(source.file, newPass) : null;
  try {
    const { keys } = await rekeyVault(config.PORTAL_MASTER_PASS, newPass);
    if (staged && source.kind === "secrets-file") commitStagedPass(staged, source.file);
    console.log(`Re-keyed the vault: ${keys} data key(s) re-wrapped under the new master pass; no ciphertext changed.`);
    if (source.kind === "secrets-file") {
      console.log(`Updated PORTAL_MASTER_PASS in ${source.file} (mode 0600).`);
    } else {
      console.log(
        "The old pass came from the PORTAL_MASTER_PASS environment variable: set it to the new pass wherever you configure the portal.",
      );
    }
    console.log("Restart the portal: it will only start with the new pass from now on.");
  } catch (error) {
    if (staged) discardStagedPass(staged);
    throw error;
  } finally {
    await db().$disconnect();
  }
});
