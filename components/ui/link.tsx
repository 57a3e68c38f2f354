// The portal's <Link>: next/link that does not prefetch unless a caller asks.
// Every page here is dynamic and none has a loading.tsx, so Next's prefetch of a
// link fetches only its route tree and head: two requests per link in view on every
// page load (each through the proxy and the metadata), while the click still waits
// for the whole page. In Chromium the header's navigations took as long with the
// prefetches as with them blocked (docs/loadtest.md, issue 24, eighth part).
import NextLink from "next/link";
import type { ComponentProps } from "react";

export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
