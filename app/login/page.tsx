import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Card } from "@/components/ui/primitives";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";
import { loginAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user));
  return (
    <div className="mx-auto max-w-sm">
      <Card>
        <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
        <p className="mb-5 text-sm text-slate-600 dark:text-slate-400">
          New here? Open the invite link your course admin sent you.
        </p>
        <LoginForm login={loginAction} />
      </Card>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="forgot-password">
        <strong className="font-medium text-slate-800 dark:text-slate-200">Forgot your password?</strong> Ask your
        course admin, the person who sent your invite. They can give you a one-time link to choose a new password.
      </p>
    </div>
  );
}
