"use client";
// Forms for the error-reporting e2e (app/test-support/*): one posts to the server
// action its page passes in (one that throws), one throws in the browser.
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";

export function FailingActionForm({ failingAction }: { failingAction: FormAction }) {
  const [state, action] = useActionState(failingAction, idleState);
  return (
    <form action={action}>
      <label>
        Note <textarea name="note" />
      </label>
      <label>
        Password <input name="password" type="password" />
      </label>
      <button type="submit">Save</button>
      {state.message ? <p>{state.message}</p> : null}
    </form>
  );
}

export function BrowserErrorButton() {
  return (
    <button
      type="button"
      onClick={() => {
        throw new Error("deliberate browser failure");
      }}
    >
      Fail in the browser
    </button>
  );
}
