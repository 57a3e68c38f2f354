import { getTranslations } from "next-intl/server";
import { LinkProblem } from "@/components/ui/link-problem";
import { RESET_PROBLEMS, inspectReset } from "@/lib/auth/password-reset";
import { linkTokenOfRequest } from "@/lib/observability/request-context";

export default async function ResetNotFound() {
  const [t, tAll] = await Promise.all([getTranslations("auth"), getTranslations()]);
  const status = await inspectReset(await linkTokenOfRequest("reset"));
  const message = status.kind === "ok" ? RESET_PROBLEMS.invalid : RESET_PROBLEMS[status.kind];
  return <LinkProblem title={t("reset.problemTitle")} message={tAll(message)} testId="reset-problem" />;
}
