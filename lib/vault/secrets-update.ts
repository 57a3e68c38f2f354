// Where the master pass came from, and replacing it in the generated secrets
// file after a re-key. The new pass is staged in a 0600 file before the database
// changes and moved into place after, so neither failure point loses the pass.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

export type PassSource = { kind: "environment" } | { kind: "secrets-file"; file: string };

export function passSource(source: NodeJS.ProcessEnv, secretsFile: string): PassSource {
  return source.PORTAL_MASTER_PASS ? { kind: "environment" } : { kind: "secrets-file", file: secretsFile };
}

export function stageNewPass(file: string, newPass: string): string {
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const staged = `${file}.rekey-pending`;
  writeFileSync(staged, JSON.stringify({ ...current, PORTAL_MASTER_PASS: newPass }, null, 2) + "\n", { mode: 0o600 });
  chmodSync(staged, 0o600);
  return staged;
}

export function commitStagedPass(staged: string, file: string): void {
  renameSync(staged, file);
}

export function discardStagedPass(staged: string): void {
  rmSync(staged, { force: true });
}
