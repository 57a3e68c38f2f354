import type { ButtonAction } from "@/lib/actions/form-state";
import { Button } from "@/components/ui/primitives";
import { SignOutForm } from "@/components/ui/sign-out-button";

export function SessionsPanel({
  activeSessions,
  signOutEverywhere,
}: {
  activeSessions: number;
  signOutEverywhere: ButtonAction;
}) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        You are signed in on <strong data-testid="active-sessions">{activeSessions}</strong>{" "}
        {activeSessions === 1 ? "browser or device" : "browsers or devices"}, this one included.
      </p>
      <SignOutForm signOut={signOutEverywhere}>
        <Button type="submit" variant="secondary">
          Sign out everywhere
        </Button>
      </SignOutForm>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Ends every session at once, this one too. Use it if you signed in on a shared computer.
      </p>
    </div>
  );
}
