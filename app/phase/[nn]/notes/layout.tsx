import type { ReactNode } from "react";
import { RouteMessages } from "@/components/i18n/route-messages";

// The messages this segment's client components use (lib/i18n/client-messages.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <RouteMessages route="phase/[nn]/notes">{children}</RouteMessages>;
}
