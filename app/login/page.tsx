import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/primitives";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";
import { loginAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("login.metaTitle") };
}

export default async function LoginPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user));
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-sm">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">{t("login.heading")}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">{t("login.newHere")}</p>
        <LoginForm login={loginAction} />
      </Card>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="forgot-password">
        {t.rich("login.forgot", {
          strong: (chunks) => <strong className="font-medium text-slate-800 dark:text-slate-200">{chunks}</strong>,
        })}
      </p>
    </div>
  );
}
