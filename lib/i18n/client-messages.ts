// The part of the catalogue the browser receives. The layout hands messages to
// client components through the RSC payload of every page and navigation, so
// only the namespaces client components use go, and only those the viewer's
// role can meet (the catalogue test holds client components to this list).
import type { Role } from "../auth/session-user";
import type { Messages, Namespace } from "./catalogues";

export const CLIENT_NAMESPACES = {
  everyone: ["common", "auth", "account"],
  student: ["exams", "journal", "review"],
  admin: ["admin", "ops"],
} as const satisfies Record<string, readonly Namespace[]>;

export function clientMessages(messages: Messages, role: Role | null): Partial<Messages> {
  const namespaces: readonly Namespace[] = [...CLIENT_NAMESPACES.everyone, ...(role ? CLIENT_NAMESPACES[role] : [])];
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
}
