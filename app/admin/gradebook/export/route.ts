import { loadGradebook } from "@/lib/admin/gradebook";
import { gradebookCsv, gradebookFileName } from "@/lib/admin/gradebook-csv";
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { requestLocale } from "@/lib/i18n/request-locale";
import { currentRequestId } from "@/lib/observability/request-context";

export const dynamic = "force-dynamic";

/** The gradebook as CSV (lib/admin/gradebook-csv.ts); each download is audited. Students get 403. */
export const GET = routeHandler(async (): Promise<Response> => {
  const user = await handlerUser("admin", { signedOut: "gradebookSignIn", wrongRole: "adminsOnlyGradebook" });
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
