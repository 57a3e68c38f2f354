import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const NEXT_LINK = {
  name: "next/link",
  message: "Import Link from @/components/ui/link: it does not prefetch (components/ui/link.tsx says why).",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks a parameter kept for its place in the signature (the acting user).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests hold no React: useTestDb() and Playwright's fixture `use` are not hooks.
    files: ["tests/**", "e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Links go through components/ui/link.tsx, which does not prefetch (it says why).
    files: ["app/**", "components/**"],
    ignores: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [NEXT_LINK] }] },
  },
  {
    // Layering (docs/architecture.md): app/ holds routes only. Components receive a
    // route's server action as a prop; lib/ never reaches up into a route.
    files: ["components/**", "lib/**"],
    ignores: ["components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NEXT_LINK],
          patterns: [
            {
              regex: "^(@/app(/|$)|(\\.\\./)+app(/|$))",
              message: "components/ and lib/ must not import from app/: pass the action as a prop.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "bench/bare-app/.next/**",
      "lib/db/generated/**",
      "lib/db/generated-pg/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
