// What the slot's SMTP receiver got (e2e/support/smtp-receiver.ts), as a spec waits for it.
import { expect } from "@playwright/test";
import { type E2EMail, mailIn } from "./smtp-receiver";
import { E2E_MAIL_FILE } from "./server-config";

/**
 * The newest email to `to` that satisfies `match`, once it has arrived. The sender polls
 * every second and sends about 20 messages a second here; an announcement queues one per
 * student of the slot (a few dozen) ahead of what a later spec waits for, and a failed send
 * goes again after ~2 s (server-config.ts). 45 s leaves room for a loaded machine.
 */
export async function mailTo(
  to: string,
  match: (mail: E2EMail) => boolean = () => true,
  timeoutMs = 45_000,
): Promise<E2EMail> {
  let found: E2EMail | undefined;
  await expect
    .poll(
      () => {
        found = mailIn(E2E_MAIL_FILE)
          .filter((m) => m.to.includes(to.toLowerCase()) && match(m))
          .at(-1);
        return Boolean(found);
      },
      { message: `an email to ${to}`, timeout: timeoutMs },
    )
    .toBe(true);
  return found!;
}

/** Every email to `to` so far. */
export const mailsTo = (to: string) => mailIn(E2E_MAIL_FILE).filter((m) => m.to.includes(to.toLowerCase()));
