import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UnsubscribeForm } from "@/components/account/unsubscribe-form";
import { Card } from "@/components/ui/primitives";
import { inspectUnsubscribe } from "@/lib/mail/preferences";
import { unsubscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  // The token is in the address: never sent on as a referrer, never indexed.
  return { title: t("unsubscribe.metaTitle"), referrer: "no-referrer", robots: { index: false, follow: false } };
}

// Opening the link changes nothing (mail scanners open every link); only the button does.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const target = await inspectUnsubscribe(token);
  if (!target) notFound(); // not-found.tsx: "This unsubscribe link is not valid"
  const t = await getTranslations("account");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-3 text-xl font-semibold">{t("unsubscribe.heading")}</h1>
        <UnsubscribeForm
          token={token}
          scope={target.scope}
          email={target.maskedEmail}
          unsubscribe={unsubscribeAction}
        />
      </Card>
    </div>
  );
}
