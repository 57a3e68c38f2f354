// RFC 8058 one-click unsubscribe: what a mail provider POSTs to the List-Unsubscribe
// URL. The body is the single field List-Unsubscribe=One-Click, sent as
// application/x-www-form-urlencoded or multipart/form-data.
import "server-only";

/** Far more than the one field needs; a longer body is not a one-click request. */
const MAX_BODY = 8 * 1024;

/** The body, or null once it passes `limit` bytes (a chunked body has no length to check first). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Whether the request's body is RFC 8058's List-Unsubscribe=One-Click (nothing else is acted on). */
export async function isOneClickRequest(request: Request): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(type)) return false;
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY) return false;
  const bytes = await readCapped(request, MAX_BODY);
  if (!bytes) return false;
  try {
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    return form.getAll("List-Unsubscribe").some((value) => typeof value === "string" && value.trim() === "One-Click");
  } catch {
    return false; // not form data at all
  }
}
