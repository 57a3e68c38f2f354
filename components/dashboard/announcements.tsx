// The announcements at the top of a student's dashboard: a labelled region, one
// article per announcement (markdown through the portal's sanitising renderer),
// each with its own Dismiss button. Nothing at all when there are none.
import { useTranslations } from "next-intl";
import { Markdown } from "@/components/content/markdown";
import { LocalTime } from "@/components/ui/local-time";
import type { FormAction } from "@/lib/actions/form-state";
import type { ActiveAnnouncement } from "@/lib/mail/announcements";
import { DismissButton } from "./dismiss-button";

export function Announcements({ items, dismiss }: { items: ActiveAnnouncement[]; dismiss: FormAction }) {
  const t = useTranslations("dashboard");
  if (!items.length) return null;
  return (
    <section aria-labelledby="announcements-title" className="mb-8 space-y-3" data-testid="announcements">
      <h2 id="announcements-title" className="text-lg font-semibold">
        {t("announcements.title")}
      </h2>
      {items.map((a) => (
        <article
          key={a.id}
          aria-labelledby={`announcement-${a.id}`}
          className="min-w-0 rounded-xl border border-brand-100 bg-brand-50 p-4 dark:border-brand-700/40 dark:bg-brand-700/20"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 id={`announcement-${a.id}`} className="break-words font-semibold" dir="auto">
                {a.title}
              </h3>
              <p className="text-xs text-slate-600 dark:text-slate-300">
                {t.rich("announcements.published", { date: () => <LocalTime value={a.createdAt} /> })}
              </p>
            </div>
            <DismissButton
              id={a.id}
              dismiss={dismiss}
              describedBy={`announcement-${a.id}`}
              label={t("announcements.dismiss")}
              pendingLabel={t("announcements.dismissing")}
            />
          </div>
          <div className="mt-2 min-w-0 break-words" dir="auto">
            <Markdown source={a.body} />
          </div>
        </article>
      ))}
    </section>
  );
}
