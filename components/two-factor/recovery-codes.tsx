"use client";
// Recovery codes, shown once: right after the first factor or a new set.
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/primitives";

/** After a factor is added: the way on (the page reloads with the new factor listed). */
export function ContinueAfterEnrolment({ href }: { href: string }) {
  const t = useTranslations("auth.twoFactor.manage");
  return (
    <a
      href={href}
      className="inline-flex min-h-6 items-center font-medium text-brand-700 underline dark:text-brand-100"
    >
      {t("continue")}
    </a>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] | null | undefined }) {
  const t = useTranslations("auth.twoFactor.manage");
  if (!codes?.length) return null;
  return (
    <Notice tone="success">
      <p className="mb-2">{t("recoveryShown")}</p>
      <ol className="grid grid-cols-2 gap-x-4 gap-y-1 font-mono text-sm" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
    </Notice>
  );
}
