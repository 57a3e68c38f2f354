// What each email says, in the recipient's language, as plain text and HTML.
// Pure: the caller gives every link and date; nothing here reads a database.
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { escapeHtml, markdownToHtml } from "./markdown-html";

export const MAIL_KINDS = ["invite", "reset", "announcement", "reminder", "digest"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export type ComposedMail = {
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe for reminders, announcements and digests). */
  headers: Record<string, string>;
};

export type Recipient = { name: string; locale: Locale; timeZone: string };

/** A date as the recipient reads it: their language, their zone, the zone named. */
export function formatMailDate(at: Date, r: Pick<Recipient, "locale" | "timeZone">): string {
  return new Intl.DateTimeFormat(r.locale === "es" ? "es-ES" : "en-GB", {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: r.timeZone,
    timeZoneName: "short",
  }).format(at);
}

type Block = { text: string; html: string };
const para = (text: string): Block => ({ text, html: `<p>${escapeHtml(text)}</p>` });
const button = (label: string, url: string): Block => ({
  text: url,
  html: `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(label)}</a></p><p style="font-size:13px;color:#555">${escapeHtml(url)}</p>`,
});
const small = (text: string): Block => ({
  text,
  html: `<p style="font-size:13px;color:#555">${escapeHtml(text)}</p>`,
});

function render(subject: string, locale: Locale, blocks: Block[], headers: Record<string, string> = {}): ComposedMail {
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:16px">` +
    blocks.map((b) => b.html).join("") +
    `</body></html>`;
  return { subject, text: blocks.map((b) => b.text).join("\n\n") + "\n", html, headers };
}

/** RFC 2369 / RFC 8058 one-click unsubscribe: mail clients POST to the link. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export function inviteMail(r: Recipient, link: { url: string; expiresAt: Date }): ComposedMail {
  const t = translatorFor(r.locale);
  return render(t("mail.invite.subject"), r.locale, [
    para(t("mail.greeting", { name: r.name })),
    para(t("mail.invite.intro")),
    button(t("mail.invite.action"), link.url),
    para(t("mail.invite.expires", { expiresAt: formatMailDate(link.expiresAt, r) })),
    small(t("mail.invite.ignore")),
    para(t("mail.signature")),
  ]);
}

export function resetMail(r: Recipient, link: { url: string; expiresAt: Date }): ComposedMail {
  const t = translatorFor(r.locale);
  return render(t("mail.reset.subject"), r.locale, [
    para(t("mail.greeting", { name: r.name })),
    para(t("mail.reset.intro")),
    button(t("mail.reset.action"), link.url),
    para(t("mail.reset.expires", { expiresAt: formatMailDate(link.expiresAt, r) })),
    small(t("mail.reset.ignore")),
    para(t("mail.signature")),
  ]);
}

/** accountUrl: /account; unsubscribeUrl: the page a reader opens; oneClickUrl: what mail clients POST to. */
export type MailLinks = { accountUrl: string; unsubscribeUrl: string; oneClickUrl: string };
type Links = MailLinks;
const footer = (t: ReturnType<typeof translatorFor>, why: string, links: Links): Block[] => [
  para(t("mail.signature")),
  small(why),
  small(t("mail.settingsLine", { url: links.accountUrl })),
  small(t("mail.unsubscribeLine", { url: links.unsubscribeUrl })),
];

export type AnnouncementContent = { title: string; body: string };
const announcementBlocks = (a: AnnouncementContent): Block[] => [
  { text: a.title, html: `<h2 style="font-size:18px">${escapeHtml(a.title)}</h2>` },
  { text: a.body.trim(), html: markdownToHtml(a.body) },
];

export function announcementMail(r: Recipient, a: AnnouncementContent, links: Links): ComposedMail {
  const t = translatorFor(r.locale);
  return render(
    t("mail.announcement.subject", { title: a.title }),
    r.locale,
    [
      para(t("mail.greeting", { name: r.name })),
      para(t("mail.announcement.intro")),
      ...announcementBlocks(a),
      ...footer(t, t("mail.announcement.why"), links),
    ],
    unsubscribeHeaders(links.oneClickUrl),
  );
}

const reminderBlocks = (t: ReturnType<typeof translatorFor>, due: number, reviewUrl: string): Block[] => [
  para(t("mail.reminder.intro", { count: due })),
  button(t("mail.reminder.action"), reviewUrl),
];

export function reminderMail(r: Recipient, due: number, reviewUrl: string, links: Links): ComposedMail {
  const t = translatorFor(r.locale);
  return render(
    t("mail.reminder.subject", { count: due }),
    r.locale,
    [
      para(t("mail.greeting", { name: r.name })),
      ...reminderBlocks(t, due, reviewUrl),
      ...footer(t, t("mail.reminder.why"), links),
    ],
    unsubscribeHeaders(links.oneClickUrl),
  );
}

/** Once a day: the reminder (if due and chosen as digest) and the announcements since the last digest. */
export function digestMail(
  r: Recipient,
  content: { due: number | null; announcements: AnnouncementContent[] },
  reviewUrl: string,
  links: Links,
): ComposedMail {
  const t = translatorFor(r.locale);
  const blocks: Block[] = [para(t("mail.greeting", { name: r.name })), para(t("mail.digest.intro"))];
  if (content.due) blocks.push(...reminderBlocks(t, content.due, reviewUrl));
  if (content.announcements.length) {
    blocks.push(para(t("mail.digest.announcements", { count: content.announcements.length })));
    for (const a of content.announcements) blocks.push(...announcementBlocks(a));
  }
  return render(
    t("mail.digest.subject"),
    r.locale,
    [...blocks, ...footer(t, t("mail.digest.why"), links)],
    unsubscribeHeaders(links.oneClickUrl),
  );
}
