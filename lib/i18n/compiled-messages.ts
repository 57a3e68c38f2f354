// Messages in the form this bundle's translator formats. In the Next.js build, next.config.ts
// points use-intl's formatter at its format-only variant, which takes messages compiled once
// (icu-minify) instead of parsing each ICU string again on every request; that parse was
// 7.6 % of a worker's CPU under the capacity benchmark. Everything else (scripts, Vitest,
// Playwright) keeps the full formatter and the source strings.
import compile from "icu-minify/compile";
import { createTranslator } from "next-intl";

type Tree = { readonly [key: string]: unknown };

// Asked of the translator itself rather than of the environment, so the answer cannot
// disagree with the formatter actually bundled beside it.
const PROBE = { probe: compile("{who} read it") };
const takesCompiled = (() => {
  try {
    const t = createTranslator({
      locale: "en",
      messages: PROBE as unknown as Record<string, string>,
      onError: () => {},
      getMessageFallback: () => "",
    });
    return t("probe" as never, { who: "She" } as never) === "She read it";
  } catch {
    return false;
  }
})();

function compileTree(tree: Tree, path: string): Tree {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof value === "string") {
      try {
        // Through JSON, as next-intl's own build-time loader does: compile() makes null-prototype
        // objects, which React refuses to pass on to client components.
        out[key] = JSON.parse(JSON.stringify(compile(value)));
      } catch (error) {
        throw new Error(`The message ${at} does not parse: ${(error as Error).message}`);
      }
    } else if (typeof value === "object" && value !== null) out[key] = compileTree(value as Tree, at);
    else out[key] = value;
  }
  return out;
}

/** The catalogue as this bundle's translator takes it: compiled in the Next.js build, as written elsewhere. */
export function forThisBundle<T extends object>(messages: T): T {
  return takesCompiled ? (compileTree(messages as Tree, "") as T) : messages;
}
