// Course text in a page of another language: untranslated items fall back to
// English, so they carry their own `lang` (WCAG 3.1.2), and the page says once
// that some of its course text is only in English.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";

/** Plain course text (a phase title); `lang` only when it differs from the page's (foreignLang). */
export function CourseText({ lang, children }: { lang: string | undefined; children: ReactNode }) {
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}

/** The `<course>` tag of a message that wraps a course title ("Exam · <course>{title}</course>"). */
export function courseTag(lang: string | undefined) {
  return function CourseTag(chunks: ReactNode) {
    return <CourseText lang={lang}>{chunks}</CourseText>;
  };
}

/** The page's one note that some course text on it is only in English; nothing when there is none. */
export async function UntranslatedNote({ show }: { show: boolean }) {
  if (!show) return null;
  const t = await getTranslations("phase");
  return (
    <p className="mb-4 text-sm soft" role="note" data-testid="untranslated-note">
      {t("untranslatedNote")}
    </p>
  );
}
