// POST /review/sync — the offline review queue (docs/offline-review.md#sync). JSON
// {v: 1, grades: [...]} in the order they were given; answers one typed outcome per
// grade (applied / duplicate / refused with the reason the page shows). Same-origin
// only (checked here as well as in proxy.ts), signed-in students only, body ≤ 64 KB.
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { readCapped } from "@/lib/http/capped-body";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translatorFor } from "@/lib/i18n/translate";
import { applyOfflineGrades } from "@/lib/offline/sync";
import { MAX_SYNC_BODY, parseSyncBody, type RefusalReason } from "@/lib/offline/sync-input";
import { checkSameOrigin } from "@/lib/security/csrf";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "cache-control": "no-store" } });

export const POST = routeHandler(async (request: Request): Promise<Response> => {
  const t = translatorFor(await requestLocale());
  if (!checkSameOrigin("POST", request.headers).ok)
    return json(403, { error: "crossSite", message: t("common.refusal.crossSite") });
  const user = await handlerUser("student", { signedOut: "offlineSyncSignIn", wrongRole: "studentsOnlyReview" });
  // A declared length past the limit is refused unread; a chunked body is counted while read.
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  const bytes = declared > MAX_SYNC_BODY ? null : await readCapped(request.body, MAX_SYNC_BODY);
  const text = bytes === null ? null : new TextDecoder().decode(bytes);
  const parsed = text === null ? ({ ok: false, status: 413, problem: "tooLarge" } as const) : parseSyncBody(text);
  if (!parsed.ok) {
    const message = parsed.problem === "reload" ? t("errors.offlineSyncReload") : t("errors.offlineSyncMalformed");
    return json(parsed.status, { error: parsed.problem, message });
  }
  const results = await applyOfflineGrades(user, parsed.body, (key: RefusalReason, values) =>
    t(`errors.${key}`, values),
  );
  return json(200, { results });
});
