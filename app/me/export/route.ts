import { authorizeHandler } from "@/lib/auth/guards";
import { exportArchive, exportFileName } from "@/lib/export/archive";

export const dynamic = "force-dynamic";

/** A student's own data as one streamed zip. Admins get 403: no admin path reads a journal. */
export async function GET(): Promise<Response> {
  const auth = await authorizeHandler("student");
  if ("status" in auth) {
    const text = auth.status === 401 ? "Sign in to download your data." : "Only students can export their own data.";
    return new Response(text, { status: auth.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const now = new Date();
  return new Response(exportArchive(auth.user, now), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${exportFileName(now)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
