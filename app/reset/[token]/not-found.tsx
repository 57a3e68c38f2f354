import Link from "next/link";
import { headers } from "next/headers";
import { Card } from "@/components/ui/primitives";
import { RESET_PROBLEMS, inspectReset } from "@/lib/auth/password-reset";
import { PATH_HEADER } from "@/lib/observability/request-context";

// not-found pages get no params; proxy.ts passes the path in a request header.
export default async function ResetNotFound() {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  let token = "";
  try {
    token = decodeURIComponent(/^\/reset\/([^/]+)/.exec(path)?.[1] ?? "");
  } catch {
    /* a malformed escape is simply not a token */
  }
  const status = await inspectReset(token);
  const message = status.kind === "ok" ? RESET_PROBLEMS.invalid : RESET_PROBLEMS[status.kind];
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">This link cannot be used</h1>
        <p className="text-slate-700 dark:text-slate-300" data-testid="reset-problem">
          {message}
        </p>
        <p className="mt-4 text-sm">
          <Link className="underline" href="/login">
            Go to sign in
          </Link>
        </p>
      </Card>
    </div>
  );
}
