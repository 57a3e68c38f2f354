import { exportArchive, exportFileName } from "@/lib/export/archive";
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { requestLocale } from "@/lib/i18n/request-locale";

export const dynamic = "force-dynamic";

/** A student's own data as one streamed zip. Admins get 403: no admin path reads a journal. */
export const GET = routeHandler(async (): Promise<Response> => {
  const user = await handlerUser("student", {
    signedOut: "exportSignIn",
    wrongRole: "studentsOnlyExport",
  });
  const now = new Date();
  // The README speaks the account's language (its preference, else the browser's).
  return new Response(exportArchive(user, now, await requestLocale()), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${exportFileName(now)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
