// The request id that proxy.ts put on the request, for log lines and audit rows.
import { headers } from "next/headers";

export const REQUEST_ID_HEADER = "x-request-id";
export const PATH_HEADER = "x-miniportal-path";

export async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get(REQUEST_ID_HEADER);
  } catch {
    return null; // outside a request (scripts, tests)
  }
}
