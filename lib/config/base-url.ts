// The portal's public address: absolute links (invite URLs) from MINIPORTAL_BASE_URL,
// or from the request's own host, and whether browsers reach it over https.
import { headers } from "next/headers";
import { env } from "../env";

/** True when MINIPORTAL_BASE_URL is https: secure cookies (`__Host-`), HSTS, upgrade-insecure-requests. */
export function servedOverHttps(): boolean {
  return env().MINIPORTAL_BASE_URL?.startsWith("https://") ?? false;
}

export async function absoluteUrl(path: string): Promise<string> {
  const configured = env().MINIPORTAL_BASE_URL;
  if (configured) return new URL(path, configured).toString();
  const h = await headers();
  const host = h.get("host") ?? `localhost:${env().PORT}`;
  return `http://${host}${path}`;
}
