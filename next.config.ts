import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { MAX_ACTION_BODY } from "./lib/security/flight-reply";
import { installPeerAddressStamp } from "./lib/security/peer-address";

// `next start` loads this file in the serving process before the first request:
// from here on each request carries its real TCP peer (see lib/security/peer-address.ts).
installPeerAddressStamp();

// This directory is the project, even inside another checkout (the test run's build copy
// under test-results/app): Next would otherwise take the outermost package-lock.json's
// folder as its root and name files by paths from there. npm scripts run here.
const projectRoot = process.cwd();

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // npm start's workers compress, with one flush per event-loop turn (lib/server/compression.ts).
  compress: false,
  turbopack: {
    root: projectRoot,
    // Messages are compiled once per process (lib/i18n/compiled-messages.ts), so the bundle
    // carries use-intl's format-only formatter: no ICU parse per message per request.
    resolveAlias: { "use-intl/format-message": "use-intl/format-message/format-only" },
  },
  outputFileTracingRoot: projectRoot,
  // Native addons and the WASM schema engine stay outside the bundles.
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@open-spaced-repetition/binding",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "prom-client",
    "ioredis",
    "rate-limiter-flexible",
    "@sentry/node-core",
  ],
  // A build's Turbopack cache is written for the next build of this tree (20–30 s here), which
  // an image build, the test run's clean copy and a first `npm start` never have.
  experimental: {
    turbopackFileSystemCacheForBuild: false,
    // The proxy's action guard allows bodies up to this size; Next's own 1 MB default
    // would answer a body between the two with a 500.
    serverActions: { bodySizeLimit: MAX_ACTION_BODY },
  },
  // `npm test` type-checks the whole tree as its own step (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

// The request configuration lives with the rest of the i18n code (lib/i18n/).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
