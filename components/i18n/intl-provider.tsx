"use client";
// next-intl's client provider with the portal's fallback for a missing message
// (functions cannot cross from the server layout, so it is set here; it ships no catalogue).
import { NextIntlClientProvider } from "next-intl";
import type { ComponentProps } from "react";
import { missingPath } from "@/lib/i18n/missing-marker";

type Props = ComponentProps<typeof NextIntlClientProvider> & { markMissing: boolean };

export function IntlProvider({ markMissing, ...props }: Props) {
  return <NextIntlClientProvider {...props} getMessageFallback={(info) => missingPath(info, markMissing)} />;
}
