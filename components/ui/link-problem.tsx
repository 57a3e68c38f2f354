import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/primitives";

/** The page a one-time link (invite, password reset) shows when it cannot be used. */
export async function LinkProblem({ title, message, testId }: { title: string; message: string; testId: string }) {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">{title}</h1>
        <p className="text-slate-700 dark:text-slate-300" data-testid={testId}>
          {message}
        </p>
        <p className="mt-4 text-sm">
          <Link className="inline-flex min-h-6 items-center underline" href="/login">
            {t("linkProblem.toSignIn")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
