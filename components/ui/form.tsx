"use client";
// Accessible form pieces: labelled fields, field errors tied by aria-describedby,
// and a status region announced through aria-live.
import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/actions/form-state";
import { Button } from "./primitives";

export function Field({
  name,
  label,
  hint,
  error,
  id = name,
  ...input
}: ComponentProps<"input"> & { name: string; label: string; hint?: string; error?: string }) {
  // `id` defaults to the name; two forms on one page with the same field names set it.
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={
          "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm " +
          "aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950"
        }
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant,
  name,
  value,
}: {
  children: string;
  pendingLabel?: string;
  variant?: "primary" | "danger" | "secondary";
  /** A form with several buttons says which was pressed (name=value in the form data). */
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  const t = useTranslations("common.form");
  return (
    <Button type="submit" name={name} value={value} variant={variant} disabled={pending} aria-disabled={pending}>
      {pending ? (pendingLabel ?? t("working")) : children}
    </Button>
  );
}

export function FormStatus({ state }: { state: FormState<unknown> }) {
  const tone = state.status === "error" ? "text-red-700 dark:text-red-300" : "text-emerald-700 dark:text-emerald-300";
  return (
    <p role="status" aria-live="polite" className={`min-h-5 text-sm ${tone}`}>
      {state.status !== "idle" ? state.message : ""}
    </p>
  );
}
