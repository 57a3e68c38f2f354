import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/primitives";
import { getCurrentUser, getSessionAccount } from "@/lib/auth/current-user";
import { signInStepPath } from "@/lib/auth/guards";
import { PasskeyButton } from "@/components/two-factor/second-step-forms";
import { homeFor } from "@/lib/auth/session-user";
import { loginAction, passwordlessAction, passwordlessOptionsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("login.metaTitle") };
}

export default async function LoginPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user));
  // Password done, second step (or enrolment) not yet: that page, not the form again.
  if (await getSessionAccount()) {
    const step = await signInStepPath();
    if (step !== "/login") redirect(step);
  }
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">{t("login.heading")}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">{t("login.newHere")}</p>
        <LoginForm login={loginAction} />
        <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
          <PasskeyButton
            options={passwordlessOptionsAction}
            verify={passwordlessAction}
            next=""
            label={t("twoFactor.passkeySignIn")}
          />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("twoFactor.passkeySignInHint")}</p>
        </div>
      </Card>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="forgot-password">
        {t.rich("login.forgot", {
          strong: (chunks) => <strong className="font-medium text-slate-800 dark:text-slate-200">{chunks}</strong>,
        })}
      </p>
    </div>
  );
}
