// Human messages for every zod refusal that has no message of its own, in one
// place: "Use at most 512 characters." instead of zod's default "Too big:
// expected string to have <=512 characters". Installed as zod's locale (the
// lowest priority), so a message written on a schema still wins. Imported for
// its effect by formAction and the audit filters; client-safe.
import { z } from "zod";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["localeError"]>>[0];

const plural = (n: number | bigint, word: string) => `${n} ${word}${n === 1 || n === 1n ? "" : "s"}`;

function sizeNoun(origin: string, count: number | bigint): string {
  if (origin === "string") return plural(count, "character");
  if (origin === "array" || origin === "set") return plural(count, "item");
  if (origin === "file") return plural(count, "byte");
  return String(count);
}

export function humanMessage(issue: Issue): string {
  switch (issue.code) {
    case "too_big": {
      const { origin, maximum } = issue;
      if (origin === "number" || origin === "int" || origin === "bigint") return `Use ${maximum} or less.`;
      if (origin === "date") return "Choose an earlier date.";
      if (origin === "array" || origin === "set") return `Choose at most ${sizeNoun(origin, maximum)}.`;
      return `Use at most ${sizeNoun(origin, maximum)}.`;
    }
    case "too_small": {
      const { origin, minimum } = issue;
      if (origin === "number" || origin === "int" || origin === "bigint") return `Use ${minimum} or more.`;
      if (origin === "date") return "Choose a later date.";
      if ((origin === "string" || origin === "array" || origin === "set") && Number(minimum) === 1)
        return origin === "string" ? "This field cannot be empty." : "Choose at least one.";
      if (origin === "array" || origin === "set") return `Choose at least ${sizeNoun(origin, minimum)}.`;
      return `Use at least ${sizeNoun(origin, minimum)}.`;
    }
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "This field is required.";
      return issue.expected === "number" ? "Enter a number." : "This value is not valid here.";
    case "invalid_format":
      if (issue.format === "email") return "Enter a valid email address, like name@example.org.";
      if (issue.format === "url") return "Enter a full web address, like https://example.org.";
      return "This value is not in the expected form.";
    case "not_multiple_of":
      return `Use a multiple of ${issue.divisor}.`;
    case "invalid_value":
      return "Choose one of the offered values.";
    case "unrecognized_keys":
      return "This form has fields it does not expect. Reload the page and try again.";
    default:
      return "This value is not valid here.";
  }
}

z.config({ localeError: humanMessage });
