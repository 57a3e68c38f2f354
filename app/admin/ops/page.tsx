import type { Metadata } from "next";
import { AutoRefresh } from "@/components/ops/auto-refresh";
import { LatencyChart, formatSeconds } from "@/components/ops/latency-chart";
import { Stat } from "@/components/ops/stat";
import { Card, Notice, PageHeader } from "@/components/ui/primitives";
import { requireAdmin } from "@/lib/auth/guards";
import { opsOverview } from "@/lib/admin/ops";

export const metadata: Metadata = { title: "Service health" };
export const dynamic = "force-dynamic";

const minutes = (ms: number) => `${Math.max(1, Math.round(ms / 60_000))} min`;
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`);

export default async function OpsPage() {
  const admin = await requireAdmin();
  const ops = await opsOverview(admin);
  if (!ops.enabled) {
    return (
      <>
        <PageHeader title="Service health" />
        <Notice>Metrics are switched off (METRICS_ENABLED=0), so this page has nothing to show.</Notice>
      </>
    );
  }
  const { summary } = ops;
  const window = minutes(summary.windowMs);
  return (
    <>
      <PageHeader
        title="Service health"
        description={`From the server's own metrics (all its workers), the last ${window}; refreshed every 10 seconds.`}
      />
      <AutoRefresh seconds={10} />
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">Request latency</h2>
        <LatencyChart points={ops.latency} from={ops.startedAt} to={ops.now} />
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Each point covers the minute before it, across all pages and actions (static files, /metrics and /health
          excluded).
        </p>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          testId="stat-login"
          label="Login success"
          value={percent(summary.loginSuccessRate)}
          detail={`${summary.loginAttempts} attempts, last ${window}`}
        />
        <Stat
          testId="stat-invites"
          label="Invite redemptions"
          value={summary.invitesRedeemed}
          detail={`${summary.invitesFailed} failed, last ${window}`}
        />
        <Stat
          testId="stat-vault"
          label="Vault decrypt p95"
          value={formatSeconds(summary.vaultP95Seconds)}
          detail={`${summary.vaultDecrypts} decrypts, last ${window}`}
        />
        <Stat testId="stat-inflight" label="Requests in flight" value={ops.inFlight} detail="including this page" />
      </div>
    </>
  );
}
