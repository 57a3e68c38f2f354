// The Next.js build formats messages compiled by icu-minify with use-intl's format-only
// formatter (lib/i18n/compiled-messages.ts, next.config.ts); everything else parses them
// with intl-messageformat. Every message of both catalogues must read the same either way.
import { TYPE, parse } from "@formatjs/icu-messageformat-parser";
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import compile from "icu-minify/compile";
import { IntlMessageFormat } from "intl-messageformat";
import { _createCache, _createIntlFormatters } from "use-intl/core";
import formatCompiled from "use-intl/format-message/format-only";
import { describe, expect, it } from "vitest";
import { forThisBundle } from "@/lib/i18n/compiled-messages";
import { SOURCE_CATALOGUES } from "@/lib/i18n/catalogues";
import { LOCALES } from "@/lib/i18n/locales";

type Values = Record<string, unknown>;

/** Values for every argument of a message: numbers where it counts or selects, tags that show their name. */
function sampleValues(elements: MessageFormatElement[], values: Values = {}, count = 3): Values {
  for (const el of elements) {
    if (el.type === TYPE.argument) values[el.value] ??= `«${el.value}»`;
    else if (el.type === TYPE.number) values[el.value] = el.style === "percent" ? 0.42 : 1234.5;
    else if (el.type === TYPE.plural) {
      values[el.value] = count;
      for (const option of Object.values(el.options)) sampleValues(option.value, values, count);
    } else if (el.type === TYPE.select) {
      values[el.value] ??= Object.keys(el.options).find((k) => k !== "other") ?? "other";
      for (const option of Object.values(el.options)) sampleValues(option.value, values, count);
    } else if (el.type === TYPE.tag) {
      values[el.value] = (chunks: unknown[]) => `<${el.value}>${chunks.join("")}</${el.value}>`;
      sampleValues(el.children, values, count);
    }
  }
  return values;
}

function leaves(tree: unknown, path = ""): [string, string][] {
  if (typeof tree === "string") return [[path, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

const text = (formatted: unknown) => (Array.isArray(formatted) ? formatted.join("") : String(formatted));

describe("compiled messages", () => {
  for (const locale of LOCALES) {
    it(`read the same as parsed ones, for every ${locale} message and plural form`, () => {
      const formatters = _createIntlFormatters(_createCache());
      const messages = leaves(SOURCE_CATALOGUES[locale]);
      expect(messages.length).toBeGreaterThan(500);
      const differing: string[] = [];
      for (const [key, message] of messages) {
        for (const count of [0, 1, 3]) {
          const values = sampleValues(parse(message), {}, count);
          const expected = text(new IntlMessageFormat(message, locale).format(values as never));
          const options = { locale, formatters, timeZone: "UTC" };
          const actual = text(formatCompiled(key, compile(message), values as never, options as never));
          if (actual !== expected)
            differing.push(`${key} (${count}): ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
        }
      }
      expect(differing).toEqual([]);
    });
  }

  it("are left as written where the translator parses them (scripts, tests)", () => {
    const en = SOURCE_CATALOGUES.en;
    expect(forThisBundle(en)).toBe(en);
  });
});
