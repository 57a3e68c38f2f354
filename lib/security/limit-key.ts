// Rate-limit keys never carry raw emails, tokens or cookies into a store or a log.
import { createHash } from "node:crypto";

export function limitKey(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url").slice(0, 22);
}
