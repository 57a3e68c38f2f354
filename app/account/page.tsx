import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { NewCardsForm } from "@/components/account/new-cards-form";
import { SessionsPanel } from "@/components/account/sessions-card";
import { LocalTime } from "@/components/ui/local-time";
import { Card, PageHeader } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/guards";
import { accountOverview } from "@/lib/auth/password-change";
import { NEW_CARDS_PER_DAY_MAX } from "@/lib/review/new-card-limit";
import { LanguageForm } from "@/components/account/language-form";
import { isLocale } from "@/lib/i18n/locales";
import { changePasswordAction, logoutEverywhereAction, newCardsPerDayAction } from "./actions";
import { languageAction } from "./language-actions";
import { displayEmail } from "@/lib/auth/email";
import { MailPreferencesForm } from "@/components/account/mail-preferences-form";
import { getMailPreferences } from "@/lib/mail/preferences";
import { knownTimeZones } from "@/lib/time/zones";
import { mailPreferencesAction } from "./mail-actions";
import { CalendarFeedForm } from "@/components/account/calendar-feed-form";
import { calendarFeedEnabled } from "@/lib/calendar/feed";
import { calendarFeedAction } from "./calendar-actions";
import { ReviewSettingsForm } from "@/components/account/review-settings-form";
import { studentScheduling } from "@/lib/review/fsrs-settings";
import { retentionAction, reviewsPerDayAction, schedulerAction } from "./review-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("metaTitle") };
}

export default async function AccountPage() {
  const user = await requireUser();
  const account = await accountOverview(user);
  if (!account) notFound();
  const mail = await getMailPreferences(user);
  const [t, tLocale, tFactor] = await Promise.all([
    getTranslations("account"),
    getTranslations("common.locale"),
    getTranslations("auth.twoFactor.manage"),
  ]);
  const { lastLoginAt } = account;
  const scheduling = account.role === "student" ? await studentScheduling(user.id) : null;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          <>
            <bdi>{account.name}</bdi> · {displayEmail(account.email)}
          </>
        }
      />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-semibold">{t("password.heading")}</h2>
          <ChangePasswordForm email={account.email} changePassword={changePasswordAction} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">{t("sessions.heading")}</h2>
          <SessionsPanel activeSessions={account.activeSessions} signOutEverywhere={logoutEverywhereAction} />
          {lastLoginAt ? (
            <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">
              {t.rich("sessions.lastSignIn", { time: () => <LocalTime value={lastLoginAt} /> })}
            </p>
          ) : null}
        </Card>
        <Card>
          <h2 className="mb-1 font-semibold">{tFactor("title")}</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{tFactor("description")}</p>
          <Link href="/account/two-factor" className="inline-flex min-h-6 items-center font-medium underline">
            {tFactor("manageLink")}
          </Link>
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">{tLocale("title")}</h2>
          <LanguageForm current={isLocale(user.locale) ? user.locale : null} save={languageAction} />
        </Card>
        {account.role === "student" ? (
          <Card>
            <h2 className="mb-3 font-semibold">{t("review.heading")}</h2>
            <NewCardsForm current={account.newCardsPerDay} max={NEW_CARDS_PER_DAY_MAX} save={newCardsPerDayAction} />
          </Card>
        ) : null}
        {scheduling ? (
          <Card>
            <h2 className="mb-3 font-semibold">{t("scheduler.heading")}</h2>
            <ReviewSettingsForm
              scheduler={scheduling.scheduler}
              retention={scheduling.retention}
              reviewsPerDay={scheduling.reviewsPerDay}
              saveScheduler={schedulerAction}
              saveRetention={retentionAction}
              saveReviewsPerDay={reviewsPerDayAction}
            />
          </Card>
        ) : null}
        {account.role === "student" ? (
          <Card>
            <h2 className="mb-3 font-semibold">{t("calendar.heading")}</h2>
            <CalendarFeedForm enabled={await calendarFeedEnabled(user)} save={calendarFeedAction} />
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 font-semibold">{t("mail.heading")}</h2>
          <MailPreferencesForm
            current={mail}
            zones={knownTimeZones()}
            showKinds={account.role === "student"}
            save={mailPreferencesAction}
          />
        </Card>
      </div>
    </>
  );
}
