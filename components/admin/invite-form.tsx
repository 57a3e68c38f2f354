"use client";
import { useActionState, useState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { Button } from "@/components/ui/primitives";

export function InviteForm({ invite }: { invite: FormAction<{ url?: string; confirmReplace?: boolean }> }) {
  const [state, action] = useActionState(invite, idleState);
  const [copied, setCopied] = useState(false);
  const url = state.status === "success" ? state.data?.url : undefined;
  const askReplace = state.status === "error" && state.data?.confirmReplace;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
        <Field
          name="name"
          label="Name"
          autoComplete="off"
          required
          defaultValue={state.values?.name}
          error={state.fieldErrors?.name}
          key={`n${url ?? ""}`}
        />
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
          key={`e${url ?? ""}`}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel="Inviting…">Invite</SubmitButton>
        </div>
        <div className="sm:col-span-3">
          <FormStatus state={state} />
          {askReplace ? (
            <Button type="submit" name="replace" value="yes" variant="secondary" className="mt-2">
              Replace the invite
            </Button>
          ) : null}
        </div>
      </form>
      {url ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950/40">
          <label htmlFor="invite-url" className="sr-only">
            Invite link
          </label>
          <input
            id="invite-url"
            data-testid="invite-url"
            readOnly
            value={url}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button
            type="button"
            variant="secondary"
            onClick={() => navigator.clipboard?.writeText(url).then(() => setCopied(true))}
          >
            {copied ? "Copied" : "Copy link"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
