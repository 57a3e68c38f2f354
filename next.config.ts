import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native addons and the WASM schema engine stay outside the bundles.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/adapter-better-sqlite3", "pino", "prom-client"],
  typedRoutes: false,
};

export default nextConfig;
