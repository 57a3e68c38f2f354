// The primary's mail duties once the portal serves: the outbox sender, and the
// daily reminders checked once a minute after a poll. Nothing when email is off.
import type { Logger } from "pino";
import type { Env } from "../env";
import { describeSmtp } from "./smtp-url";
import { type MailSender, startMailSender } from "./sender";

const DAILY_CHECK_MS = 60_000;

export async function startPrimaryMail(config: Env, log: Logger): Promise<MailSender | null> {
  if (!config.MINIPORTAL_SMTP_URL || !config.MINIPORTAL_MAIL_FROM) {
    console.log("  Email is off (MINIPORTAL_SMTP_URL is not set): invite and reset links are copied by hand.");
    return null;
  }
  const { runDailyMail } = await import("./daily");
  let lastDaily = 0;
  const sender = await startMailSender({
    smtpUrl: config.MINIPORTAL_SMTP_URL,
    from: config.MINIPORTAL_MAIL_FROM,
    log,
    instance: config.MINIPORTAL_INSTANCE,
    pollMs: config.MINIPORTAL_MAIL_POLL_MS,
    retryBaseMs: config.MINIPORTAL_MAIL_RETRY_BASE_MS,
    afterPoll: async (now) => {
      if (now.getTime() - lastDaily < DAILY_CHECK_MS) return;
      lastDaily = now.getTime();
      const queued = await runDailyMail(now);
      if (queued) log.info({ event: "mail.daily_queued", count: queued });
    },
  });
  console.log(`  Email on: sending through ${describeSmtp(config.MINIPORTAL_SMTP_URL)}`);
  return sender;
}
