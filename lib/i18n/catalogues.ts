// The message catalogues, one JSON file per namespace and language under messages/.
// English is the reference: its shape types every t() call (global.d.ts), and
// tests/unit/i18n-catalogues.test.ts holds Spanish to the same keys and placeholders.
import enAccount from "@/messages/en/account.json" with { type: "json" };
import enAdmin from "@/messages/en/admin.json" with { type: "json" };
import enAudit from "@/messages/en/audit.json" with { type: "json" };
import enAuth from "@/messages/en/auth.json" with { type: "json" };
import enCommon from "@/messages/en/common.json" with { type: "json" };
import enDashboard from "@/messages/en/dashboard.json" with { type: "json" };
import enErrors from "@/messages/en/errors.json" with { type: "json" };
import enExams from "@/messages/en/exams.json" with { type: "json" };
import enJournal from "@/messages/en/journal.json" with { type: "json" };
import enMail from "@/messages/en/mail.json" with { type: "json" };
import enOps from "@/messages/en/ops.json" with { type: "json" };
import enPhase from "@/messages/en/phase.json" with { type: "json" };
import enReview from "@/messages/en/review.json" with { type: "json" };
import enValidation from "@/messages/en/validation.json" with { type: "json" };
import esAccount from "@/messages/es/account.json" with { type: "json" };
import esAdmin from "@/messages/es/admin.json" with { type: "json" };
import esAudit from "@/messages/es/audit.json" with { type: "json" };
import esAuth from "@/messages/es/auth.json" with { type: "json" };
import esCommon from "@/messages/es/common.json" with { type: "json" };
import esDashboard from "@/messages/es/dashboard.json" with { type: "json" };
import esErrors from "@/messages/es/errors.json" with { type: "json" };
import esExams from "@/messages/es/exams.json" with { type: "json" };
import esJournal from "@/messages/es/journal.json" with { type: "json" };
import esMail from "@/messages/es/mail.json" with { type: "json" };
import esOps from "@/messages/es/ops.json" with { type: "json" };
import esPhase from "@/messages/es/phase.json" with { type: "json" };
import esReview from "@/messages/es/review.json" with { type: "json" };
import esValidation from "@/messages/es/validation.json" with { type: "json" };
import { forThisBundle } from "./compiled-messages";
import type { Locale } from "./locales";

const en = {
  common: enCommon,
  errors: enErrors,
  validation: enValidation,
  auth: enAuth,
  account: enAccount,
  dashboard: enDashboard,
  phase: enPhase,
  journal: enJournal,
  review: enReview,
  exams: enExams,
  admin: enAdmin,
  audit: enAudit,
  ops: enOps,
  mail: enMail,
};

export type Messages = typeof en;
export type Namespace = keyof Messages;

// Typed as English's shape: a Spanish file that drifts is caught by the catalogue test,
// which compares the JSON itself (the cast only keeps tsc from stopping at the first drift).
const es = {
  common: esCommon,
  errors: esErrors,
  validation: esValidation,
  auth: esAuth,
  account: esAccount,
  dashboard: esDashboard,
  phase: esPhase,
  journal: esJournal,
  review: esReview,
  exams: esExams,
  admin: esAdmin,
  audit: esAudit,
  ops: esOps,
  mail: esMail,
} as unknown as Messages;

/** The catalogues as written: for reading a message's text, never for formatting it. */
export const SOURCE_CATALOGUES: Record<Locale, Messages> = { en, es };

/** The catalogues for next-intl's translators (compiled in the Next.js build: lib/i18n/compiled-messages.ts). */
export const CATALOGUES: Record<Locale, Messages> = { en: forThisBundle(en), es: forThisBundle(es) };
