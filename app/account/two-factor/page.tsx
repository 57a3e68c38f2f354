import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { logoutAction } from "@/app/account/actions";
import { AddPasskeyForm, TotpEnrolForm } from "@/components/two-factor/enrol-forms";
import { RegenerateCodesForm, RemoveFactorForm, ResetOtherForm } from "@/components/two-factor/manage-forms";
import { Badge, Button, Card, Notice, PageHeader } from "@/components/ui/primitives";
import { SignOutForm } from "@/components/ui/sign-out-button";
import { requireAccount } from "@/lib/auth/guards";
import { listFactors } from "@/lib/auth/second-factor/manage";
import { homeFor } from "@/lib/auth/session-user";
import {
  addPasskeyAction,
  confirmTotpAction,
  passkeyRegistrationAction,
  regenerateCodesAction,
  removeFactorAction,
  resetOtherAction,
  startTotpAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.twoFactor.manage");
  return { title: t("metaTitle") };
}

/** Enrolment and management of the second factor; an admin who must enrol sees only this page. */
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const account = await requireAccount("enrol");
  const removed = (await searchParams).done === "removed";
  const enrolling = account.secondFactor?.state === "enrol";
  const { factors, recoveryCodesLeft, required } = await listFactors(account);
  const [t, format] = await Promise.all([getTranslations("auth.twoFactor.manage"), getFormatter()]);
  const when = (date: Date) =>
    format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: account.timeZone });
  const hasTotp = factors.some((f) => f.kind === "totp");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {enrolling ? <Notice tone="error">{t("requiredNotice")}</Notice> : null}
        {removed ? (
          <div role="status">
            <Notice tone="success">{t("removed")}</Notice>
          </div>
        ) : null}
        {!required && factors.length === 0 ? <Notice>{t("optionalNotice")}</Notice> : null}
        <Card>
          <h2 className="mb-3 font-semibold">{t("yourFactors")}</h2>
          {factors.length === 0 ? <p className="text-sm">{t("none")}</p> : null}
          <ul className="space-y-3" data-testid="factor-list">
            {factors.map((f) => (
              <li key={f.id} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="flex flex-wrap items-center gap-2">
                  <strong className="break-all">{f.name}</strong>
                  <Badge>{f.kind === "passkey" ? t("kindPasskey") : t("kindTotp")}</Badge>
                  {f.backedUp ? <Badge>{t("synced")}</Badge> : null}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {t("added", { date: when(f.createdAt) })}
                  {f.lastUsedAt ? `, ${t("lastUsed", { date: when(f.lastUsedAt) })}` : null}
                </p>
                {enrolling ? null : (
                  <details className="mt-1">
                    <summary className="inline-flex min-h-6 cursor-pointer items-center text-sm underline">
                      {t("removeLabel", { name: f.name })}
                    </summary>
                    <RemoveFactorForm action={removeFactorAction} factorId={f.id} name={f.name} />
                  </details>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <h2 className="mb-1 font-semibold">{t("passkeysHeading")}</h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("passkeysHint")}</p>
            <AddPasskeyForm
              options={passkeyRegistrationAction}
              add={addPasskeyAction}
              continueTo={enrolling ? homeFor(account) : "/account/two-factor"}
            />
          </Card>
          <Card>
            <h2 className="mb-1 font-semibold">{t("totpHeading")}</h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("totpHint")}</p>
            {hasTotp ? null : (
              <TotpEnrolForm
                start={startTotpAction}
                confirm={confirmTotpAction}
                continueTo={enrolling ? homeFor(account) : "/account/two-factor"}
              />
            )}
          </Card>
        </div>
        {factors.length > 0 && !enrolling ? (
          <Card>
            <h2 className="mb-1 font-semibold">{t("recoveryHeading")}</h2>
            <p className="mb-3 text-sm" data-testid="recovery-left">
              {t("recoveryLeft", { count: recoveryCodesLeft })}
            </p>
            <RegenerateCodesForm action={regenerateCodesAction} />
          </Card>
        ) : null}
        {account.role === "admin" && !enrolling ? (
          <Card>
            <h2 className="mb-3 font-semibold">{t("resetHeading")}</h2>
            <ResetOtherForm action={resetOtherAction} />
          </Card>
        ) : null}
        {enrolling ? (
          <SignOutForm signOut={logoutAction}>
            <Button type="submit" variant="secondary">
              {(await getTranslations("auth.twoFactor"))("cancel")}
            </Button>
          </SignOutForm>
        ) : null}
      </div>
    </>
  );
}
