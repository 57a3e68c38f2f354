import type { ReactNode } from "react";
import { RouteMessages } from "@/components/i18n/route-messages";

// The admin's messages and the dashboard's (lib/i18n/client-messages.ts): the student's
// progress is shown with the dashboard's client components.
export default function Layout({ children }: { children: ReactNode }) {
  return <RouteMessages route="admin/students/[id]">{children}</RouteMessages>;
}
