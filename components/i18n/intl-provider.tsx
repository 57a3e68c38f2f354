"use client";
// next-intl's client provider with the portal's fallback for a missing message
// (functions cannot cross from the server layout, so it is set here).
import { NextIntlClientProvider } from "next-intl";
import type { ComponentProps } from "react";
import { missingMessage } from "@/lib/i18n/missing";

type Props = ComponentProps<typeof NextIntlClientProvider> & { markMissing: boolean };

export function IntlProvider({ markMissing, ...props }: Props) {
  return <NextIntlClientProvider {...props} getMessageFallback={(info) => missingMessage(info, markMissing)} />;
}
