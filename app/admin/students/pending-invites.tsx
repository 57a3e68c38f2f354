"use client";
// Open invites with their expiry: copy a fresh link (the old one withdrawn) or revoke.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { InviteLink } from "@/components/admin/invite-link";
import { MailDeliveryNote } from "@/components/admin/mail-delivery";
import { SubmitButton } from "@/components/ui/form";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/primitives";
import { idleState } from "@/lib/actions/form-state";
import type { InviteRow } from "@/lib/admin/invites";
import { freshInviteLinkAction, revokeInviteAction } from "./invite-actions";

const STATE = {
  pending: "pending.state.pending",
  expired: "pending.state.expired",
  revoked: "pending.state.revoked",
  none: "pending.state.none",
} as const;

function InviteItem({ invite, mailOn }: { invite: InviteRow; mailOn: boolean }) {
  const t = useTranslations("admin");
  const [fresh, freshAction] = useActionState(freshInviteLinkAction, idleState);
  const [revoked, revokeAction] = useActionState(revokeInviteAction, idleState);
  // A new fresh link (or a revoke) withdraws the one shown: it goes as soon as either starts.
  const [setAside, setSetAside] = useState<typeof fresh | null>(null);
  const startNext = () => setSetAside(fresh);
  const url = fresh.status === "success" && fresh !== setAside ? fresh.data?.url : undefined;
  return (
    <li
      className="space-y-2 border-b border-slate-200 px-4 py-3 last:border-0 dark:border-slate-800"
      data-testid={`invite-${invite.email}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">
          <bdi>{invite.name}</bdi>
        </span>
        <span className="break-all text-sm text-slate-600 dark:text-slate-400">{invite.email}</span>
        <Badge tone={invite.state === "pending" ? "amber" : "slate"}>{t(STATE[invite.state])}</Badge>
        {invite.expiresAt && invite.state === "pending" ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {t.rich("pending.expires", { date: () => <LocalTime value={invite.expiresAt!} /> })}
          </span>
        ) : null}
        <div className="ml-auto flex flex-wrap gap-2">
          <form action={freshAction} onSubmit={startNext}>
            <input type="hidden" name="userId" value={invite.userId} />
            <SubmitButton variant="secondary" pendingLabel={t("pending.creating")}>
              {mailOn ? t("mail.resend") : t("pending.fresh")}
            </SubmitButton>
          </form>
          {invite.state === "pending" ? (
            <form
              action={revokeAction}
              onSubmit={(e) => {
                if (!confirm(t("pending.confirmRevoke", { email: invite.email }))) e.preventDefault();
                else startNext();
              }}
            >
              <input type="hidden" name="userId" value={invite.userId} />
              <SubmitButton variant="danger" pendingLabel={t("pending.revoking")}>
                {t("pending.revoke")}
              </SubmitButton>
            </form>
          ) : null}
        </div>
      </div>
      <MailDeliveryNote delivery={invite.delivery} testId="invite-mail-status" />
      {url ? <InviteLink url={url} person={invite} testId="fresh-invite-url" /> : null}
      {[fresh, revoked].map((s, i) =>
        s.status === "error" ? (
          <p key={i} role="alert" className="text-sm text-red-700 dark:text-red-300">
            {s.message}
          </p>
        ) : null,
      )}
    </li>
  );
}

export function PendingInvites({ invites, mailOn }: { invites: InviteRow[]; mailOn: boolean }) {
  const t = useTranslations("admin");
  if (!invites.length)
    return <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">{t("pending.none")}</p>;
  return (
    <ul aria-label={t("pending.listLabel")}>
      {invites.map((i) => (
        <InviteItem key={i.userId} invite={i} mailOn={mailOn} />
      ))}
    </ul>
  );
}
