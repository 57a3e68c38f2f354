// A deliberate unhandled error, for the e2e proof that a thrown 500 is counted
// and logged. It exists only when MINIPORTAL_TEST_ROUTES=1; otherwise a plain 404.
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!env().MINIPORTAL_TEST_ROUTES)
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  // Each throw names its request: Sentry's dedupe drops an error identical to the one
  // before it in the same worker, and more than one spec hits this route.
  throw new Error(`deliberate failure for the observability tests (request ${await currentRequestId()})`);
}
