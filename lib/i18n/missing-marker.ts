// The marker a missing message shows under MINIPORTAL_TEST_ROUTES (the every-page
// e2e check looks for it). Apart from missing.ts so that the client provider can
// use it without shipping the catalogues to the browser.
export const MISSING_MARKER = "⟦missing:";

export type MissingInfo = { namespace?: string; key: string };

/** The message's path, marked when tests ask. */
export function missingPath({ namespace, key }: MissingInfo, marked: boolean): string {
  const path = namespace ? `${namespace}.${key}` : key;
  return marked ? `${MISSING_MARKER}${path}⟧` : path;
}
