import { loadGradebook } from "@/lib/admin/gradebook";
import { gradebookCsv, gradebookFileName } from "@/lib/admin/gradebook-csv";
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { stepUpNeeded, stepUpPath } from "@/lib/auth/second-factor/step-up";
import { requestLocale } from "@/lib/i18n/request-locale";
import { currentRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

/** The gradebook as CSV (lib/admin/gradebook-csv.ts); each download is audited. Students get 403. */
export const GET = routeHandler(async (): Promise<Response> => {
  const user = await handlerUser("admin", { signedOut: "gradebookSignIn", wrongRole: "adminsOnlyGradebook" });
  // A download of every student's progress: an old second-factor check is made again first, then back to the gradebook.
  if (await stepUpNeeded(user)) {
    return new Response(null, {
      status: 303,
      headers: { location: stepUpPath("/admin/gradebook"), "cache-control": "no-store" },
    });
  }
  const now = new Date();
  const locale = await requestLocale();
  const book = await loadGradebook(
    user,
    { requestId: await currentRequestId(), audit: "gradebook.exported", locale },
    now,
  );
  return new Response(gradebookCsv(book, locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${gradebookFileName(now)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
