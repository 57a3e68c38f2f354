// The one pattern for server actions: refuse cross-site posts, check the
// session and role, validate with zod, call lib/, return a typed FormState.
// A DomainError thrown by lib/ is translated here, once, into the form's message.
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "../auth/current-user";
import { assertRole, type SessionUser } from "../auth/session-user";
import { reportStorageWriteError, storageFaultOf } from "../db/write-errors";
import { DomainError } from "../errors";
import { currentRequestId } from "../observability/request-context";
import { requestLocale } from "../i18n/request-locale";
import { localizeText, translatorFor } from "../i18n/translate";
import type { Locale } from "../i18n/locales";
import { humanMessage } from "../validation/messages";
import { actionOriginProblem } from "../security/request-guards";
import { type FormState, fieldErrorsOf, formFields } from "./form-state";

type Access = "anonymous" | "student" | "admin" | "user";
export type ActionContext<A extends Access> = {
  user: A extends "anonymous" ? SessionUser | null : SessionUser;
  requestId: string | null;
};

type Options<S extends z.ZodType, A extends Access> = {
  schema: S;
  access: A;
  /** Inputs sent back on a refusal so the form keeps them (never secrets). */
  echo?: readonly string[];
  /** Reads the input to validate; by default the schema's fields as strings, by name. */
  read?: (formData: FormData) => unknown;
  /** The message when the input does not validate (a catalogue path, like schema messages). */
  invalidMessage?: string;
};

type Handler<S extends z.ZodType, A extends Access, Data> = (
  input: z.infer<S>,
  ctx: ActionContext<A>,
) => Promise<FormState<Data>>;

async function run<S extends z.ZodType, A extends Access, Data>(
  options: Options<S, A>,
  handler: Handler<S, A, Data>,
  formData: FormData,
): Promise<FormState<Data>> {
  // proxy.ts refuses cross-site posts first; this holds even if the proxy is bypassed.
  const locale = await requestLocale();
  const t = translatorFor(locale);
  const crossSite = await actionOriginProblem();
  if (crossSite) return { status: "error", message: localizeText(crossSite, locale) };
  const names = options.schema instanceof z.ZodObject ? Object.keys(options.schema.shape) : [];
  // A hand-made call with other arguments is refused, never a TypeError (a 500);
  // an argument-less button action (sign-out) may be called without a form.
  if (!(formData instanceof FormData)) {
    if (names.length || options.read) return { status: "error", message: t("validation.notAForm") };
    formData = new FormData();
  }
  const user = await getCurrentUser();
  if (options.access !== "anonymous" && !user) redirect("/login");
  // Admin actions do not exist for anyone else (as requireAdmin does for pages): 404.
  if (options.access === "admin" && user?.role !== "admin") notFound();
  const raw = options.read ? options.read(formData) : formFields(formData, names);
  const values = Object.fromEntries((options.echo ?? []).map((k) => [k, formFields(formData, [k])[k]]));
  const parsed = options.schema.safeParse(raw, { error: (issue) => humanMessage(issue, locale) });
  if (!parsed.success) {
    const message = localizeText(options.invalidMessage ?? "validation.correctFields", locale);
    return { status: "error", message, fieldErrors: localizeFields(fieldErrorsOf(parsed.error), locale), values };
  }
  try {
    if (user && (options.access === "student" || options.access === "admin")) assertRole(user, options.access);
    const ctx = { user, requestId: await currentRequestId() } as ActionContext<A>;
    const result = await handler(parsed.data, ctx);
    return { ...result, values: result.values ?? (result.status === "error" ? values : undefined) };
  } catch (error) {
    // A database that cannot take writes now (read-only, full, unreachable): every form says so, never a 500 page.
    const storage = storageFaultOf(error);
    if (storage) {
      reportStorageWriteError(storage.error);
      return { status: "error", message: t("common.storage.notSaved", { reason: storage.reason }), values };
    }
    if (!(error instanceof DomainError)) throw error; // redirect()/notFound() and real bugs pass through
    if (error.kind === "unauthenticated") redirect("/login");
    const message = t(`errors.${error.key}`, error.values);
    const fieldErrors = error.field ? { [error.field]: message } : undefined;
    return { status: "error", message, fieldErrors, values };
  }
}

function localizeFields<F extends string>(errors: Partial<Record<F, string>>, locale: Locale) {
  const out: Partial<Record<F, string>> = {};
  for (const [field, text] of Object.entries(errors) as [F, string][]) out[field] = localizeText(text, locale);
  return out;
}

/** A server action for useActionState: (previous state, form data) → next state. */
export function formAction<S extends z.ZodType, A extends Access, Data = undefined>(
  options: Options<S, A>,
  handler: Handler<S, A, Data>,
): (previous: FormState<Data>, formData: FormData) => Promise<FormState<Data>> {
  return (_previous, formData) => run(options, handler, formData);
}

const noInput = z.object({});

/**
 * A server action for a plain <form action> button (sign-out): the same checks,
 * no fields, and nothing to render, so a refused post simply does nothing.
 */
export function buttonAction<A extends Access>(
  options: { access: A },
  handler: (ctx: ActionContext<A>) => Promise<void>,
): (formData: FormData) => Promise<void> {
  return async (formData) => {
    await run(
      { schema: noInput, access: options.access },
      async (_input, ctx) => {
        await handler(ctx);
        return { status: "success" };
      },
      formData,
    );
  };
}
