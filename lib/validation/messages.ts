// Human messages for every zod refusal that has no message of its own, in one
// place: "Use at most 512 characters." instead of zod's default "Too big:
// expected string to have <=512 characters", in the catalogue's languages.
// English is installed as zod's locale (the lowest priority, for code outside a
// request); formAction passes the request's language per parse. A message
// written on a schema still wins. Client-safe.
import { z } from "zod";
import { translatorFor } from "../i18n/translate";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["localeError"]>>[0];

const isNumeric = (origin: string) => origin === "number" || origin === "int" || origin === "bigint";

export function humanMessage(issue: Issue, locale: Locale = DEFAULT_LOCALE): string {
  const t = translatorFor(locale);
  switch (issue.code) {
    case "too_big": {
      const { origin } = issue;
      const max = Number(issue.maximum);
      if (isNumeric(origin)) return t("validation.numberAtMost", { max: String(issue.maximum) });
      if (origin === "date") return t("validation.earlierDate");
      if (origin === "array" || origin === "set") return t("validation.itemsAtMost", { max });
      if (origin === "string") return t("validation.charsAtMost", { max });
      if (origin === "file") return t("validation.bytesAtMost", { max });
      return t("validation.sizeAtMost", { max: String(issue.maximum) });
    }
    case "too_small": {
      const { origin } = issue;
      const min = Number(issue.minimum);
      if (isNumeric(origin)) return t("validation.numberAtLeast", { min: String(issue.minimum) });
      if (origin === "date") return t("validation.laterDate");
      if (origin === "string" && min === 1) return t("validation.notEmpty");
      if ((origin === "array" || origin === "set") && min === 1) return t("validation.chooseOne");
      if (origin === "array" || origin === "set") return t("validation.itemsAtLeast", { min });
      if (origin === "string") return t("validation.charsAtLeast", { min });
      if (origin === "file") return t("validation.bytesAtLeast", { min });
      return t("validation.sizeAtLeast", { min: String(issue.minimum) });
    }
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return t("validation.required");
      return issue.expected === "number" ? t("validation.enterNumber") : t("validation.invalidValue");
    case "invalid_format":
      if (issue.format === "email") return t("validation.enterEmail");
      if (issue.format === "url") return t("validation.enterUrl");
      return t("validation.wrongForm");
    case "not_multiple_of":
      return t("validation.multipleOf", { divisor: String(issue.divisor) });
    case "invalid_value":
      return t("validation.chooseOffered");
    case "unrecognized_keys":
      return t("validation.unexpectedFields");
    default:
      return t("validation.invalidValue");
  }
}

z.config({ localeError: (issue) => humanMessage(issue) });
