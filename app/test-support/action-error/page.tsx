// Only with MINIPORTAL_TEST_ROUTES=1 (e2e): a form whose server action throws.
import { notFound } from "next/navigation";
import { FailingActionForm } from "@/components/test-support/failing-forms";
import { env } from "@/lib/env";
import { failingAction } from "./actions";

export default function ActionErrorPage() {
  if (!env().MINIPORTAL_TEST_ROUTES) notFound();
  return <FailingActionForm failingAction={failingAction} />;
}
