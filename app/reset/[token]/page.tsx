import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/primitives";
import { inspectReset } from "@/lib/auth/password-reset";
import { TokenPasswordForm } from "@/components/auth/token-password-form";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await inspectReset(token);
  // A bad link answers 404; not-found.tsx says which problem it is.
  if (reset.kind !== "ok") notFound();
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">Choose a new password</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          For{" "}
          <strong>
            <bdi>{reset.user.email}</bdi>
          </strong>
          . This link works once; setting the password signs you out everywhere else.
        </p>
        <TokenPasswordForm
          token={token}
          email={reset.user.email}
          action={resetPasswordAction}
          labels={{
            password: "New password",
            repeat: "Repeat the new password",
            submit: "Set my new password",
            pending: "Setting your password…",
          }}
        />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
        Remembered it?{" "}
        <Link className="underline" href="/login">
          Sign in
        </Link>
      </p>
    </div>
  );
}
