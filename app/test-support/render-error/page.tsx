// Only with MINIPORTAL_TEST_ROUTES=1 (e2e): a page that throws while rendering,
// quoting a secret in its message (the Sentry scrubber must remove it).
import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function RenderErrorPage() {
  if (!env().MINIPORTAL_TEST_ROUTES) notFound();
  throw new Error(`deliberate render failure (auth secret ${env().AUTH_SECRET})`);
}
