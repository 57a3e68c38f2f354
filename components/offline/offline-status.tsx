"use client";
// What the student is told about offline review: the offline banner with the number
// of grades waiting, the result of a send, grades the server refused (with its reason,
// kept until dismissed) and a new build waiting for a reload.
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui/primitives";
import type { RefusedGrade } from "@/lib/offline/store";

export type SyncNote = { kind: "sending" } | { kind: "sent"; count: number } | { kind: "stopped"; message: string };

type Props = {
  online: boolean;
  waiting: number;
  note: SyncNote | null;
  refused: RefusedGrade[];
  onDismiss: () => void;
  update: (() => void) | null;
  /** The shell, back online: offer the full page. */
  linkOnline?: boolean;
};

export function OfflineStatus({ online, waiting, note, refused, onDismiss, update, linkOnline }: Props) {
  const t = useTranslations("review.offline");
  return (
    <div className="mb-4 space-y-3" data-testid="offline-status">
      {update ? (
        <div className="flex flex-wrap items-center gap-3" data-testid="update-ready">
          <Notice>{t("updateReady")}</Notice>
          <Button onClick={update}>{t("reload")}</Button>
        </div>
      ) : null}
      {!online ? (
        <div role="status" data-testid="offline-banner">
          <Notice>
            {t("banner")} {waiting > 0 ? t("waiting", { count: waiting }) : null}
          </Notice>
        </div>
      ) : null}
      {online && note ? (
        <div role="status" data-testid="sync-note">
          <Notice tone={note.kind === "stopped" ? "error" : note.kind === "sent" ? "success" : "info"}>
            {note.kind === "sending"
              ? t("sending")
              : note.kind === "sent"
                ? t("sent", { count: note.count })
                : t("notSent", { message: note.message })}
            {online && waiting > 0 && note.kind !== "sending" ? ` ${t("waiting", { count: waiting })}` : null}
          </Notice>
        </div>
      ) : null}
      {online && linkOnline ? (
        <p className="text-sm">
          {t("backOnline")}{" "}
          <Link className="text-brand-600 underline dark:text-brand-100" href="/review">
            {t("openOnline")}
          </Link>
        </p>
      ) : null}
      {refused.length > 0 ? (
        <section
          className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
          aria-labelledby="refused-title"
          data-testid="refused-grades"
        >
          <h2 id="refused-title" className="font-semibold">
            {t("refusedTitle")}
          </h2>
          <p className="mt-1">{t("refusedIntro")}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {refused.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.front}</span>: {r.message}
              </li>
            ))}
          </ul>
          <Button variant="secondary" className="mt-3" onClick={onDismiss}>
            {t("dismiss")}
          </Button>
        </section>
      ) : null}
    </div>
  );
}
