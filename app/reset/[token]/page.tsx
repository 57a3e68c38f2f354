import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/primitives";
import { inspectReset } from "@/lib/auth/password-reset";
import { TokenPasswordForm } from "@/components/auth/token-password-form";
import { resetPasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("reset.metaTitle"), referrer: "no-referrer" };
}

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await inspectReset(token);
  // A bad link answers 404; not-found.tsx says which problem it is.
  if (reset.kind !== "ok") notFound();
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">{t("reset.heading")}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          {t.rich("reset.intro", {
            email: reset.user.email,
            strong: (chunks) => (
              <strong>
                <bdi>{chunks}</bdi>
              </strong>
            ),
          })}
        </p>
        <TokenPasswordForm
          token={token}
          email={reset.user.email}
          action={resetPasswordAction}
          labels={{
            password: t("reset.password"),
            repeat: t("reset.repeat"),
            submit: t("reset.submit"),
            pending: t("reset.pending"),
          }}
        />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
        {t("reset.remembered")}{" "}
        <Link className="inline-flex min-h-6 items-center underline" href="/login">
          {t("reset.signIn")}
        </Link>
      </p>
    </div>
  );
}
