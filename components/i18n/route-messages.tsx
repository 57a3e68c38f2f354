// A route segment's message provider (its layout.tsx renders it): the client components
// below it get the shared messages and the segment's own (lib/i18n/client-messages.ts),
// not the whole catalogue. next-intl's providers do not merge, so the shared ones come again.
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { type MessageRoute, routeMessages } from "@/lib/i18n/client-messages";
import { IntlProvider } from "./intl-provider";

export async function RouteMessages({ route, children }: { route: MessageRoute | null; children: ReactNode }) {
  const [locale, user] = await Promise.all([getLocale(), getCurrentUser()]);
  return (
    <IntlProvider
      locale={locale}
      messages={routeMessages(CATALOGUES[locale], route)}
      timeZone={user?.timeZone ?? env().MINIPORTAL_TIMEZONE}
      markMissing={env().MINIPORTAL_TEST_ROUTES}
    >
      {children}
    </IntlProvider>
  );
}
