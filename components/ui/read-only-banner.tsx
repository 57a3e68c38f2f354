// On every page while this server cannot save (lib/db/availability.ts): reading
// works; saving and signing in do not until the operator fixes the database. It
// goes away by itself once a write goes through again (lib/db/health.ts probes).
import { getTranslations } from "next-intl/server";
import { currentDatabaseFault } from "@/lib/db/health";

export async function ReadOnlyBanner() {
  const fault = await currentDatabaseFault().catch(() => null); // never the reason a page fails
  if (!fault) return null;
  const t = await getTranslations("common.readOnly");
  return (
    <div
      role="status"
      data-testid="read-only-banner"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong>{t("title")}</strong> {t("body", { reason: fault.reason })}
    </div>
  );
}
