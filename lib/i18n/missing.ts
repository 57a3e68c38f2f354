// What a message that cannot be found or formatted shows on the server: the
// English text, so a visitor still reads something sensible; under the test
// routes flag, the marker instead. (Client components fall back to the path:
// their catalogues are held to the same keys by the catalogue test.)
import { SOURCE_CATALOGUES } from "./catalogues";
import { type MissingInfo, missingPath } from "./missing-marker";

export { MISSING_MARKER } from "./missing-marker";

function englishOf(path: string): string | null {
  let node: unknown = SOURCE_CATALOGUES.en;
  for (const part of path.split(".")) {
    if (typeof node !== "object" || node === null) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : null;
}

export function missingMessage(info: MissingInfo, marked: boolean): string {
  const path = missingPath(info, false);
  return marked ? missingPath(info, true) : (englishOf(path) ?? path);
}
