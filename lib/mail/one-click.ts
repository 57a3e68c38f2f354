// RFC 8058 one-click unsubscribe: what a mail provider POSTs to the List-Unsubscribe
// URL. The body is the single field List-Unsubscribe=One-Click, sent as
// application/x-www-form-urlencoded or multipart/form-data.
import "server-only";
import { readCapped } from "../http/capped-body";

/** Far more than the one field needs; a longer body is not a one-click request. */
const MAX_BODY = 8 * 1024;

/** Whether the request's body is RFC 8058's List-Unsubscribe=One-Click (nothing else is acted on). */
export async function isOneClickRequest(request: Request): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) return false;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY) return false;
  const bytes = await readCapped(request.body, MAX_BODY);
  if (!bytes) return false;
  try {
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    return form.getAll("List-Unsubscribe").some((value) => typeof value === "string" && value.trim() === "One-Click");
  } catch {
    return false; // not form data at all
  }
}
