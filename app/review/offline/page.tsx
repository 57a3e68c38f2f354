// The offline review shell: no data of its own (the cards come from the device's
// IndexedDB). The service worker keeps this page and answers /review with it when
// there is no network (docs/offline-review.md). Students only, like /review.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OfflineCapableReview } from "@/components/offline/offline-review";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("offline.shellTitle") };
}

export default async function OfflineReviewPage() {
  await requireStudent();
  const t = await getTranslations("review");
  return (
    <>
      <PageHeader title={t("offline.shellTitle")} />
      <OfflineCapableReview mode="shell" />
    </>
  );
}
