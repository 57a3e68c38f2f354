import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { logoutAction } from "@/app/account/actions";
import { CodeForm, PasskeyButton, RecoveryForm } from "@/components/two-factor/second-step-forms";
import { Button, Card } from "@/components/ui/primitives";
import { SignOutForm } from "@/components/ui/sign-out-button";
import { requireAccount } from "@/lib/auth/guards";
import { factorKinds } from "@/lib/auth/second-factor/manage";
import { nextField } from "@/lib/auth/second-factor/schemas";
import { codeAction, passkeyAction, passkeyOptionsAction, recoveryAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.twoFactor");
  return { title: t("metaTitle") };
}

/** The second step after the password, and the step-up prompt of a signed-in session (?next=…). */
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const account = await requireAccount("pending");
  const next = nextField.parse(String((await searchParams).next ?? ""));
  const t = await getTranslations("auth.twoFactor");
  const kinds = await factorKinds(account);
  const signingIn = account.secondFactor?.state === "pending";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">{t("heading")}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">{signingIn ? t("intro") : t("stepUpIntro")}</p>
        <div className="space-y-6">
          {kinds.passkey ? (
            <PasskeyButton options={passkeyOptionsAction} verify={passkeyAction} next={next} label={t("usePasskey")} />
          ) : null}
          {kinds.totp ? <CodeForm action={codeAction} next={next} /> : null}
        </div>
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">{t("recoveryHeading")}</h2>
        <RecoveryForm action={recoveryAction} next={next} />
        <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">{t("noFactorHelp")}</p>
      </Card>
      {signingIn ? (
        <SignOutForm signOut={logoutAction}>
          <Button type="submit" variant="secondary">
            {t("cancel")}
          </Button>
        </SignOutForm>
      ) : null}
    </div>
  );
}
