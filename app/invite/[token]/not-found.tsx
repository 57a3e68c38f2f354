import { getTranslations } from "next-intl/server";
import { LinkProblem } from "@/components/ui/link-problem";
import { INVITE_PROBLEMS, inspectInvite } from "@/lib/auth/invites";
import { linkTokenOfRequest } from "@/lib/observability/request-context";

export default async function InviteNotFound() {
  const [t, tAll] = await Promise.all([getTranslations("auth"), getTranslations()]);
  const status = await inspectInvite(await linkTokenOfRequest("invite"));
  const message = status.kind === "ok" ? INVITE_PROBLEMS.invalid : INVITE_PROBLEMS[status.kind];
  return <LinkProblem title={t("invite.problemTitle")} message={tAll(message)} testId="invite-problem" />;
}
