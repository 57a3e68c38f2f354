import { getTranslations } from "next-intl/server";
import { LinkProblem } from "@/components/ui/link-problem";

// One page for every bad link (forged, cut short, for an account that is gone): it never says which.
export default async function UnsubscribeNotFound() {
  const t = await getTranslations("account");
  return (
    <LinkProblem
      title={t("unsubscribe.invalidTitle")}
      message={t("unsubscribe.invalid")}
      testId="unsubscribe-problem"
    />
  );
}
