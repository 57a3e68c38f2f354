// The portal's public address. Absolute links (invite URLs) come from
// configuration only: MINIPORTAL_BASE_URL, or http://localhost:<PORT> as the
// README says. Never from the request's Host header, which the client chooses.
import { env } from "../env";

export function absoluteUrl(path: string): string {
  return new URL(path, env().baseUrl).toString();
}

/** True when browsers reach the portal over https: `__Host-` secure cookies, HSTS, upgrade-insecure-requests. */
export function servedOverHttps(): boolean {
  return env().baseUrl.startsWith("https://");
}
