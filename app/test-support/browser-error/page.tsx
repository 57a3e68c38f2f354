// Only with MINIPORTAL_TEST_ROUTES=1 (e2e): a button that throws in the browser.
import { notFound } from "next/navigation";
import { BrowserErrorButton } from "@/components/test-support/failing-forms";
import { env } from "@/lib/env";

export default function BrowserErrorPage() {
  if (!env().MINIPORTAL_TEST_ROUTES) notFound();
  return <BrowserErrorButton />;
}
