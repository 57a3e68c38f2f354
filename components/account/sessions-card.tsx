import { getTranslations } from "next-intl/server";
import type { ButtonAction } from "@/lib/actions/form-state";
import { Button } from "@/components/ui/primitives";
import { SignOutForm } from "@/components/ui/sign-out-button";

export async function SessionsPanel({
  activeSessions,
  signOutEverywhere,
}: {
  activeSessions: number;
  signOutEverywhere: ButtonAction;
}) {
  const t = await getTranslations("account");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("sessions.signedIn", {
          count: activeSessions,
          strong: (chunks) => <strong data-testid="active-sessions">{chunks}</strong>,
        })}
      </p>
      <SignOutForm signOut={signOutEverywhere}>
        <Button type="submit" variant="secondary">
          {t("sessions.signOutEverywhere")}
        </Button>
      </SignOutForm>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("sessions.hint")}</p>
    </div>
  );
}
