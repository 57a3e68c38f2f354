// GET /admin/ops/fsrs-run — the latest optimizer run, polled by the ops page while it
// runs. A GET: polling spends none of the admin's write budget.
import { handlerUser, routeHandler } from "@/lib/http/route-handler";
import { latestRun } from "@/lib/admin/fsrs-runs";

export const dynamic = "force-dynamic";

export const GET = routeHandler(async (): Promise<Response> => {
  const admin = await handlerUser("admin", { signedOut: "workloadSignIn", wrongRole: "notAllowed" });
  return Response.json(await latestRun(admin), { headers: { "cache-control": "no-store" } });
});
