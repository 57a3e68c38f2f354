import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/content/markdown";
import { LocalTime } from "@/components/ui/local-time";
import { Badge, Card, Notice, PageHeader } from "@/components/ui/primitives";
import { requireAdmin } from "@/lib/auth/guards";
import { type AnnouncementRow, listAnnouncements } from "@/lib/mail/announcements";
import { mailEnabled } from "@/lib/mail/outbox";
import { AnnouncementForm } from "./announcement-form";
import { WithdrawButton } from "./withdraw-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("announcements.title") };
}

export default async function AnnouncementsPage() {
  const admin = await requireAdmin();
  const [announcements, t] = await Promise.all([listAnnouncements(admin), getTranslations("admin")]);
  return (
    <>
      <PageHeader title={t("announcements.title")} description={t("announcements.description")} />
      <div className="mb-6" data-testid="mail-status">
        <Notice>{mailEnabled() ? t("announcements.mailOn") : t("announcements.mailOff")}</Notice>
      </div>
      <Card className="mb-6">
        <h2 className="mb-3 font-semibold">{t("announcements.form.heading")}</h2>
        <AnnouncementForm />
      </Card>
      <Card>
        <h2 className="font-semibold">{t("announcements.list.heading", { count: announcements.length })}</h2>
        <p className="mt-1 mb-3 text-sm text-slate-600 dark:text-slate-400">{t("announcements.list.recallNote")}</p>
        {announcements.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("announcements.list.empty")}</p>
        ) : (
          <ul>
            {announcements.map((a) => (
              <AnnouncementItem key={a.id} announcement={a} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

async function AnnouncementItem({ announcement: a }: { announcement: AnnouncementRow }) {
  const t = await getTranslations("admin");
  const emailed = a.mail.pending + a.mail.sent + a.mail.failed;
  const date = () => <LocalTime value={a.createdAt} />;
  return (
    <li className="border-t border-slate-100 py-3 last:pb-0 dark:border-slate-800" data-testid={`announcement-${a.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h3 className="break-words font-medium" dir="auto">
            {a.title}{" "}
            <Badge tone={a.withdrawnAt ? "slate" : "green"}>
              {a.withdrawnAt ? t("announcements.list.withdrawn") : t("announcements.list.live")}
            </Badge>
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {a.authorName
              ? t.rich("announcements.list.published", { date, author: () => <bdi>{a.authorName}</bdi> })
              : t.rich("announcements.list.publishedNoAuthor", { date })}
            {a.withdrawnAt ? (
              <>
                {" · "}
                {t.rich("announcements.list.withdrawnAt", { date: () => <LocalTime value={a.withdrawnAt!} /> })}
              </>
            ) : null}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {t("announcements.list.dismissed", { count: a.dismissals })}
            {" · "}
            {emailed ? t("announcements.list.mail", a.mail) : t("announcements.list.noMail")}
          </p>
        </div>
        {a.withdrawnAt ? null : <WithdrawButton id={a.id} title={a.title} />}
      </div>
      <details className="mt-2">
        <summary className="inline-flex min-h-6 cursor-pointer items-center text-sm font-medium">
          {t("announcements.list.showText")}
        </summary>
        <div className="mt-2 min-w-0" dir="auto">
          <Markdown source={a.body} />
        </div>
      </details>
    </li>
  );
}
