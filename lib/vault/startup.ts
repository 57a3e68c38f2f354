// Startup check: open (or, on a fresh database, initialise) the vault with the
// configured master pass, so a wrong pass stops the process before it serves
// anything. Used by scripts/start-portal.ts and meant for instrumentation.ts register().
import "server-only";
import { env } from "../env";
import { keyringFor, VaultPassError } from "./keyring";

export { VaultPassError };

export async function assertVaultOpens(): Promise<{ keys: number; activeKeyId: string }> {
  const ring = await keyringFor(env().PORTAL_MASTER_PASS);
  return { keys: ring.keys.size, activeKeyId: ring.activeKeyId };
}

/**
 * For instrumentation.ts register() (Node runtime): a server whose master pass
 * cannot open the vault stops with a clear message instead of serving pages
 * that fail on every journal read. Other failures (e.g. the database not
 * migrated yet) are logged and left to /health to report.
 */
export async function checkVaultOrExit(): Promise<void> {
  const { logger } = await import("../observability/logger");
  try {
    await assertVaultOpens();
  } catch (error) {
    if (error instanceof VaultPassError) {
      logger().fatal({ event: "vault.open_failed" }, error.message);
      console.error(`\nMiniportal cannot start: ${error.message}`);
      process.exit(1);
    }
    logger().error(
      { event: "vault.open_failed", err: error instanceof Error ? error.message : "error" },
      "the vault could not be opened at startup",
    );
  }
}
