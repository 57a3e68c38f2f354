"use client";
// Forms for the error-reporting e2e (app/test-support/*): one posts to a server
// action that throws, one throws in the browser.
import { useActionState } from "react";
import { idleState } from "@/lib/actions/form-state";
import { failingAction } from "@/app/test-support/action-error/actions";

export function FailingActionForm() {
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
