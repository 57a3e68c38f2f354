// The /metrics bearer check. Both sides are hashed first so the comparison is
// constant-time whatever the lengths (timingSafeEqual needs equal lengths).
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function bearerTokenMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length > 0;
}
