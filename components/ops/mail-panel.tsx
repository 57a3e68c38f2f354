// The ops page's Email panel (docs/mail.md, runbook docs/slo.md#mail-outbox).
import { getFormatter, getTranslations } from "next-intl/server";
import { getFormatSeconds } from "@/components/ops/latency-chart";
import { Stat } from "@/components/ops/stat";
import { LocalTime } from "@/components/ui/local-time";
import { Card } from "@/components/ui/primitives";
import type { MailOverview } from "@/lib/mail/mail-overview";

export async function MailPanel({ mail }: { mail: MailOverview }) {
  const [t, format, formatSeconds] = await Promise.all([getTranslations("ops"), getFormatter(), getFormatSeconds()]);
  if (!mail.enabled)
    return (
      <Card className="mt-6" data-testid="mail-panel">
        <h2 className="mb-1 font-semibold">{t("mail.heading")}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("mail.off")}</p>
      </Card>
    );
  const { stats } = mail;
  return (
    <section className="mt-6" data-testid="mail-panel" aria-labelledby="mail-heading">
      <h2 id="mail-heading" className="mb-1 font-semibold">
        {t("mail.heading")}
      </h2>
      <p className="mb-3 break-words text-sm text-slate-600 dark:text-slate-400">
        {t("mail.on", { server: mail.server, from: mail.from })}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat testId="stat-mail-waiting" label={t("mail.waiting")} value={format.number(stats.pending)} />
        <Stat
          testId="stat-mail-oldest"
          label={t("mail.oldest")}
          value={stats.pending ? formatSeconds(stats.oldestPendingAgeS) : t("mail.none")}
        />
        <Stat testId="stat-mail-sent" label={t("mail.sent")} value={format.number(stats.sentLastDay)} />
        <Stat testId="stat-mail-failed" label={t("mail.failed")} value={format.number(stats.failedLastDay)} />
      </div>
      {mail.lastProblem ? (
        <p className="mt-3 break-words text-sm text-slate-700 dark:text-slate-300" data-testid="mail-last-problem">
          {t.rich("mail.lastProblem", {
            kind: mail.lastProblem.kind,
            error: mail.lastProblem.error,
            date: () => <LocalTime value={mail.lastProblem!.at} />,
          })}
        </p>
      ) : null}
    </section>
  );
}
