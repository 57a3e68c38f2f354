// The gradebook as CSV, the way spreadsheets and Canvas' grade import read it: one
// header row, one student per row, RFC 4180 quoting with CRLF line ends, UTF-8
// with a byte-order mark (Excel otherwise guesses a legacy encoding). A text cell
// a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets
// a leading apostrophe (OWASP's CSV-injection advice): shown as text, never run.
// Numbers are plain numbers with a dot; times are ISO 8601 UTC.
import { stringify } from "csv-stringify/sync";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import type { Gradebook } from "./gradebook";
import { riskReason } from "./gradebook-text";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet must show it: never a formula. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type Cell = string | number | null;
const COLUMN = {
  status: "admin.gradebook.csv.status",
  lastActivity: "admin.gradebook.csv.lastActivity",
  atRisk: "admin.gradebook.csv.atRisk",
  saves: "admin.gradebook.csv.saves",
  words: "admin.gradebook.csv.words",
  edited: "admin.gradebook.csv.edited",
  reviewed: "admin.gradebook.csv.reviewed",
  due: "admin.gradebook.csv.due",
  overdue: "admin.gradebook.csv.overdue",
  retention: "admin.gradebook.csv.retention",
  best: "admin.gradebook.csv.best",
  attempts: "admin.gradebook.csv.attempts",
  passed: "admin.gradebook.csv.passed",
  yes: "admin.gradebook.csv.yes",
  no: "admin.gradebook.csv.no",
} as const;
const PHASE_COLUMNS = [
  "saves",
  "words",
  "edited",
  "reviewed",
  "due",
  "overdue",
  "retention",
  "best",
  "attempts",
  "passed",
] as const;
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function gradebookCsv(book: Gradebook, locale: Locale): string {
  const t = translatorFor(locale) as unknown as (key: string, values?: Record<string, string | number>) => string;
  const c = (key: keyof typeof COLUMN, n?: number) => t(COLUMN[key], n === undefined ? {} : { n });
  // "Student" and "SIS Login ID" are the column names Canvas matches students by: kept in English.
  const header: string[] = ["Student", "SIS Login ID", c("status"), c("lastActivity"), c("atRisk")];
  for (const p of book.phases) header.push(...PHASE_COLUMNS.map((k) => c(k, p.number)));
  const rows: Cell[][] = book.rows.map((r) => [
    neutralize(r.name),
    neutralize(r.email),
    r.status,
    iso(r.lastActivityAt),
    neutralize(
      r.risks
        .map(riskReason)
        .map((m) => t(m.key, m.values))
        .join("; "),
    ),
    ...r.phases.flatMap((p): Cell[] => [
      p.journal.saves,
      p.journal.words,
      iso(p.journal.updatedAt),
      p.cards.reviewed,
      p.cards.dueNow,
      p.cards.overdue,
      percent(p.cards.retention),
      percent(p.exam.best),
      p.exam.attempts,
      p.exam.attempts ? c(p.exam.passed ? "yes" : "no") : null,
    ]),
  ]);
  return stringify([header.map(neutralize), ...rows], {
    bom: true,
    record_delimiter: "\r\n",
    // RFC 4180 quotes a field holding a line break; a lone LF is not csv-stringify's delimiter here.
    quoted_match: /[\r\n]/,
    cast: { number: (n) => String(n) },
  });
}

export function gradebookFileName(now: Date): string {
  return `gradebook-${now.toISOString().slice(0, 10)}.csv`;
}
