// A bare Next app for scripts/bench-capacity.ts: the baseline the portal's pages
// are compared with. It resolves `next` from the repository's node_modules, so it
// is always the portal's Next version. Turbopack's root is the repository (one lockfile).
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const config = { turbopack: { root }, outputFileTracingRoot: root, poweredByHeader: false };

export default config;
