import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    // Layering (docs/architecture.md): app/ holds routes only. Components receive a
    // route's server action as a prop; lib/ never reaches up into a route.
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
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
