// The one pattern for server actions: check the session, validate with zod,
// call lib/, return a FormState the form renders.
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { getCurrentUser } from "../auth/current-user";
import type { SessionUser } from "../auth/sessions";
import { currentRequestId } from "../observability/request-context";
import { actionOriginProblem } from "../security/request-guards";
import { type FormState, fieldErrorsOf, formFields } from "./form-state";

type Access = "anonymous" | "student" | "admin" | "user";
type Ctx<A extends Access> = { user: A extends "anonymous" ? SessionUser | null : SessionUser; requestId: string | null };

export const NOT_A_FORM = "This request is not a form this portal sends. Reload the page and try again.";

export function formAction<S extends z.ZodObject, A extends Access>(
  options: { schema: S; access: A; echo?: readonly (keyof z.infer<S> & string)[] },
  handler: (input: z.infer<S>, ctx: Ctx<A>) => Promise<FormState>,
): (previous: FormState, formData: FormData) => Promise<FormState> {
  const names = Object.keys(options.schema.shape);
  return async (_previous, formData) => {
    // proxy.ts refuses cross-site posts first; this holds even if the proxy is bypassed.
    const crossSite = await actionOriginProblem();
    if (crossSite) return { status: "error", message: crossSite };
    // A hand-made call with other arguments: refused, never a TypeError (a 500).
    if (!(formData instanceof FormData)) return { status: "error", message: NOT_A_FORM };
    const user = await getCurrentUser();
    if (options.access !== "anonymous") {
      if (!user) redirect("/login");
      // Admin actions do not exist for anyone else (as requireAdmin does for pages): 404.
      if (options.access === "admin" && user.role !== "admin") notFound();
      if (options.access !== "user" && user.role !== options.access) {
        return { status: "error", message: "You are not allowed to do this." };
      }
    }
    const raw = formFields(formData, names);
    const values = Object.fromEntries((options.echo ?? []).map((k) => [k, raw[k] ?? ""]));
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      return { status: "error", message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    const result = await handler(parsed.data, { user, requestId: await currentRequestId() } as Ctx<A>);
    return { ...result, values: result.values ?? (result.status === "error" ? values : undefined) };
  };
}
