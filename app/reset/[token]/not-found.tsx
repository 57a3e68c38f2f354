import { LinkProblem } from "@/components/ui/link-problem";
import { RESET_PROBLEMS, inspectReset } from "@/lib/auth/password-reset";
import { linkTokenOfRequest } from "@/lib/observability/request-context";

export default async function ResetNotFound() {
  const status = await inspectReset(await linkTokenOfRequest("reset"));
  const message = status.kind === "ok" ? RESET_PROBLEMS.invalid : RESET_PROBLEMS[status.kind];
  return <LinkProblem title="This link cannot be used" message={message} testId="reset-problem" />;
}
