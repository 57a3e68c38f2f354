// GET /review/workload?retention=0.90 — the 30-day review forecast at a retention for
// the signed-in student (lib/review/workload.ts), as JSON for the dashboard's simulator
// and the retention field on /account. A GET: it only reads, so it spends none of the
// session's write budget (every POST, server actions included, does).
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { DomainError } from "@/lib/errors";
import { workloadForecast } from "@/lib/review/workload";

export const dynamic = "force-dynamic";

export const GET = routeHandler(async (request: Request): Promise<Response> => {
  const user = await handlerUser("student", { signedOut: "workloadSignIn", wrongRole: "studentsOnlyReview" });
  const raw = new URL(request.url).searchParams.get("retention") ?? "";
  if (!/^0?\.\d{1,3}$/.test(raw)) throw new DomainError("invalid", "retentionRange");
  const w = await workloadForecast(user, Number(raw));
  return Response.json(w, { headers: { "cache-control": "no-store" } });
});
