// The service worker, built after `next build` by Serwist's configurator mode
// (@serwist/next/config): lib/offline/sw.ts bundled by esbuild into public/sw.js with
// the build's static files as its precache manifest. Bundler-agnostic, so it works
// with Turbopack (Next 16's default). The CLI's library entry is called instead of
// its `serwist` binary: the binary also loads a wizard (stringify-object 7, Node ≥ 22)
// and update-notifier (asks the npm registry), neither needed to build.
import path from "node:path";
import { runBuildCommand } from "@serwist/cli";
import { serwist } from "@serwist/next/config";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

const config = await serwist({
  swSrc: "lib/offline/sw.ts",
  swDest: "public/sw.js",
  // Every page here is rendered per request (nonce CSP, session): none is prerendered,
  // and none may be precached. Only the build's scripts, styles and fonts, and the icons.
  precachePrerendered: false,
  globPatterns: [".next/static/**/*.{js,css,woff2}", "public/icons/*.png"],
  // Nothing else to inline; keeps the worker free of source maps in production.
  esbuildOptions: { minify: true },
});
await runBuildCommand({ config, watch: false });
