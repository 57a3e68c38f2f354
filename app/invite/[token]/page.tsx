import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TokenPasswordForm } from "@/components/auth/token-password-form";
import { Card } from "@/components/ui/primitives";
import { inspectInvite } from "@/lib/auth/invites";
import { redeemInviteAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("invite.metaTitle"), referrer: "no-referrer" };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await inspectInvite(token);
  // A bad invite answers 404; not-found.tsx explains which problem it is.
  if (invite.kind !== "ok") notFound();
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">{t("invite.welcome", { name: invite.user.name })}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          {t.rich("invite.intro", { email: invite.user.email, strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
        <TokenPasswordForm
          token={token}
          email={invite.user.email}
          action={redeemInviteAction}
          labels={{
            password: t("invite.password"),
            repeat: t("invite.repeat"),
            submit: t("invite.submit"),
            pending: t("invite.pending"),
          }}
        />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-500 dark:text-slate-400">
        {t("invite.haveAccount")}{" "}
        <Link className="inline-flex min-h-6 items-center underline" href="/login">
          {t("invite.signIn")}
        </Link>
      </p>
    </div>
  );
}
