// Absolute links (invite URLs) from MINIPORTAL_BASE_URL, or from the request's own host.
import { headers } from "next/headers";
import { env } from "../env";

export async function absoluteUrl(path: string): Promise<string> {
  const configured = env().MINIPORTAL_BASE_URL;
  if (configured) return new URL(path, configured).toString();
  const h = await headers();
  const host = h.get("host") ?? `localhost:${env().PORT}`;
  return `http://${host}${path}`;
}
