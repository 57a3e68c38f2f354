import Link from "next/link";
import { headers } from "next/headers";
import { Card } from "@/components/ui/primitives";
import { INVITE_PROBLEMS, inspectInvite } from "@/lib/auth/invites";
import { PATH_HEADER } from "@/lib/observability/request-context";

// not-found pages get no params; proxy.ts passes the path in a request header.
export default async function InviteNotFound() {
  const path = (await headers()).get(PATH_HEADER) ?? "";
  const token = decodeURIComponent(/^\/invite\/([^/]+)/.exec(path)?.[1] ?? "");
  const status = await inspectInvite(token);
  const message = status.kind === "ok" ? INVITE_PROBLEMS.invalid : INVITE_PROBLEMS[status.kind];
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <h1 className="mb-2 text-xl font-semibold">This invite cannot be used</h1>
        <p className="text-slate-700 dark:text-slate-300" data-testid="invite-problem">
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
