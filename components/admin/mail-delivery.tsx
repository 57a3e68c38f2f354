"use client";
// Where an invite or reset email stands, beside the person it went to: an admin
// knows whether to wait, or to issue a new link because the server refused it.
import { useTranslations } from "next-intl";
import { LocalTime } from "@/components/ui/local-time";
import type { MailDelivery } from "@/lib/mail/delivery-status";

export function MailDeliveryNote({ delivery, testId }: { delivery: MailDelivery | null; testId: string }) {
  const t = useTranslations("admin");
  if (!delivery) return null;
  const tone =
    delivery.status === "failed"
      ? "text-red-700 dark:text-red-300"
      : delivery.status === "pending"
        ? "text-amber-800 dark:text-amber-300"
        : "text-slate-600 dark:text-slate-400";
  return (
    <p className={`text-sm ${tone}`} data-testid={testId} data-status={delivery.status}>
      {delivery.status === "sent" && delivery.sentAt
        ? t.rich("mail.sent", { date: () => <LocalTime value={delivery.sentAt!} /> })
        : delivery.status === "failed"
          ? t("mail.failed", { reason: delivery.lastError ?? "?" })
          : t("mail.pending", { attempts: delivery.attempts })}
    </p>
  );
}
