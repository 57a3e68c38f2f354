// The one shape every form's server action returns and every form renders.
// Data is the domain result as lib/ returned it (React serialises Dates and
// nested objects across the action boundary), never flattened to strings.
import type { z } from "zod";

export type FormState<Data = undefined, F extends string = string> = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Partial<Record<F, string>>;
  /** Echo of non-secret inputs, so a refused form keeps what the user typed. */
  values?: Partial<Record<F, string>>;
  data?: Data;
};

/** The state before the first submission; fits every FormState<Data>. */
export const idleState: FormState<never> = { status: "idle" };

export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form") as F;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Reads named string fields from FormData; anything else (files, absent) becomes "". */
export function formFields<F extends string>(formData: FormData, names: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const name of names) {
    const value = formData.get(name);
    out[name] = typeof value === "string" ? value : "";
  }
  return out;
}

/** A server action as a form receives it (as a prop: components never import from app/). */
export type FormAction<Data = undefined> = (previous: FormState<Data>, formData: FormData) => Promise<FormState<Data>>;

/** A plain <form action> with nothing to render afterwards (sign-out buttons). */
export type ButtonAction = (formData: FormData) => Promise<void>;
