import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TokenPasswordForm } from "@/components/auth/token-password-form";
import { Card } from "@/components/ui/primitives";
import { inspectInvite } from "@/lib/auth/invites";
import { redeemInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept your invite", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await inspectInvite(token);
  // A bad invite answers 404; not-found.tsx explains which problem it is.
  if (invite.kind !== "ok") notFound();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">Welcome, {invite.user.name}</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          Choose a password for <strong>{invite.user.email}</strong> to finish setting up your account.
        </p>
        <TokenPasswordForm
          token={token}
          email={invite.user.email}
          action={redeemInviteAction}
          labels={{
            password: "Choose a password",
            repeat: "Repeat the password",
            submit: "Create my account",
            pending: "Setting up your account…",
          }}
        />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-500 dark:text-slate-400">
        Already have an account?{" "}
        <Link className="underline" href="/login">
          Sign in
        </Link>
      </p>
    </div>
  );
}
