// A deliberate unhandled error, for the e2e proof that a thrown 500 is counted
// and logged. It exists only when MINIPORTAL_TEST_ROUTES=1; otherwise a plain 404.
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!env().MINIPORTAL_TEST_ROUTES)
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  throw new Error("deliberate failure for the observability tests");
}
