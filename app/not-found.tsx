import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/primitives";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <div className="mx-auto max-w-md text-center">
      <Card>
        <p className="text-sm font-semibold text-brand-600 dark:text-brand-100">404</p>
        <h1 className="mt-1 text-xl font-semibold">{t("title")}</h1>
        <p className="mt-2 soft">{t("body")}</p>
        <p className="mt-4">
          <Link href="/" className="underline">
            {t("home")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
