// What a message that cannot be found or formatted shows: the English text, so a
// visitor still reads something sensible. Under the test routes flag it shows a
// marker instead, which the every-page e2e check looks for. Client-safe.
import { CATALOGUES } from "./catalogues";

export const MISSING_MARKER = "⟦missing:";

type Info = { namespace?: string; key: string };

function englishOf(path: string): string | null {
  let node: unknown = CATALOGUES.en;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : null;
}

export function missingMessage({ namespace, key }: Info, marked: boolean): string {
  const path = namespace ? `${namespace}.${key}` : key;
  if (marked) return `${MISSING_MARKER}${path}⟧`;
  return englishOf(path) ?? path;
}
