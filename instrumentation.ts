// Next.js calls register() once per server process before serving requests.
// Observability starts here (lib/observability/bootstrap.ts), then the vault
// check (lib/vault/startup.ts). onRequestError logs what a handler threw, by
// route template, without the error's text, and reports it to Sentry when
// SENTRY_DSN is set (lib/observability/sentry.ts: scrubbed, never blocking).
import type { Instrumentation } from "next";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startObservability } = await import("./lib/observability/bootstrap");
  await startObservability();
  // A master pass that cannot open the vault stops the server here, before it serves pages.
  const { checkVaultOrExit } = await import("./lib/vault/startup");
  await checkVaultOrExit();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/observability/logger");
  const err = error as { name?: string; digest?: string };
  logger().error({
    event: "request.failed",
    route: context.routePath,
    route_type: context.routeType,
    method: request.method,
    error: err.name ?? "Error",
    digest: err.digest ?? null,
  });
  // Our module only: the SDK itself is loaded by startSentry(), and only with a DSN.
  const { reportError } = await import("./lib/observability/sentry");
  const requestId = request.headers["x-request-id"];
  reportError(error, {
    route: context.routePath,
    routeType: context.routeType,
    method: request.method,
    requestId: typeof requestId === "string" ? requestId : undefined,
  });
};
