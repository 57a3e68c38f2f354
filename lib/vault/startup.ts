// Startup check: open (or, on a fresh database, initialise) the vault with the
// configured master pass, so a wrong pass stops the process before it serves
// anything. Used by scripts/start.ts and meant for instrumentation.ts register().
import { db as defaultDb, type Db } from "../db/client";
import { env } from "../env";
import { keyringFor } from "./keyring";

export { VaultPassError } from "./keyring";

export async function assertVaultOpens(client: Db = defaultDb()): Promise<{ keys: number; activeKeyId: string }> {
  const ring = await keyringFor(client, env().PORTAL_MASTER_PASS);
  return { keys: ring.keys.size, activeKeyId: ring.activeKeyId };
}
