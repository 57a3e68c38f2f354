import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/ops/auto-refresh";
import { LatencyChart, getFormatSeconds } from "@/components/ops/latency-chart";
import { Stat } from "@/components/ops/stat";
import { Card, Notice, PageHeader } from "@/components/ui/primitives";
import { requireAdmin } from "@/lib/auth/guards";
import { opsOverview } from "@/lib/admin/ops";
import { MIN_SAMPLE } from "@/lib/admin/ops-sample";
import { mailOverview } from "@/lib/mail/mail-overview";
import { MailPanel } from "@/components/ops/mail-panel";
import { FsrsPanel } from "@/components/ops/fsrs-panel";
import { latestRun, parameterSets } from "@/lib/admin/fsrs-runs";
import { startOptimizerAction } from "./fsrs-actions";

async function FsrsSection({ admin }: { admin: Awaited<ReturnType<typeof requireAdmin>> }) {
  const [run, sets, t] = await Promise.all([latestRun(admin), parameterSets(admin), getTranslations("ops.fsrs")]);
  return (
    <Card className="mt-6">
      <h2 className="mb-2 font-semibold">{t("heading")}</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("description")}</p>
      <p className="mb-3 text-sm" data-testid="fsrs-sets">
        {t("sets", { count: sets.length })}
      </p>
      <FsrsPanel initial={run} start={startOptimizerAction} />
    </Card>
  );
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ops");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function OpsPage() {
  const admin = await requireAdmin();
  const [ops, mail, t, format, formatSeconds] = await Promise.all([
    opsOverview(admin),
    mailOverview(admin),
    getTranslations("ops"),
    getFormatter(),
    getFormatSeconds(),
  ]);
  if (!ops.enabled) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Notice>{t("metricsOff")}</Notice>
        <MailPanel mail={mail} />
        <FsrsSection admin={admin} />
      </>
    );
  }
  const percent = (rate: number) => {
    const digits = rate === 1 ? 0 : 1;
    return t("percent", {
      value: format.number(rate * 100, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    });
  };
  const { summary } = ops;
  // Null: fewer than MIN_SAMPLE events in the window (lib/admin/ops-sample.ts).
  const tooFew = <span className="text-base font-medium text-slate-600 dark:text-slate-400">{t("stats.notEnoughData")}</span>;
  const window = t("minutes", { count: format.number(Math.max(1, Math.round(summary.windowMs / 60_000))) });
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { window, seconds: 10 })}
      />
      <AutoRefresh seconds={10} />
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">{t("latencyHeading")}</h2>
        <LatencyChart points={ops.latency} from={ops.startedAt} to={ops.now} />
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {t("latencyNote")}
        </p>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          testId="stat-login"
          label={t("stats.login")}
          value={summary.loginSuccessRate === null ? tooFew : percent(summary.loginSuccessRate)}
          detail={t("stats.loginDetail", { count: summary.loginAttempts, window })}
        />
        <Stat
          testId="stat-invites"
          label={t("stats.invites")}
          value={format.number(summary.invitesRedeemed)}
          detail={t("stats.invitesDetail", { count: summary.invitesFailed, window })}
        />
        <Stat
          testId="stat-vault"
          label={t("stats.vault")}
          value={summary.vaultP95Seconds === null ? tooFew : formatSeconds(summary.vaultP95Seconds)}
          detail={t("stats.vaultDetail", { count: summary.vaultDecrypts, window })}
        />
        <Stat
          testId="stat-inflight"
          label={t("stats.inFlight")}
          value={format.number(ops.inFlight)}
          detail={t("stats.inFlightDetail")}
        />
      </div>
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{t("stats.sampleNote", { min: MIN_SAMPLE })}</p>
      <MailPanel mail={mail} />
      <FsrsSection admin={admin} />
    </>
  );
}
