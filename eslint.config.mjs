// Lint for the whole repository (`npm run lint`, run first by `npm test`).
// typescript-eslint's recommended rules, React hooks rules for app/, Playwright's rules for e2e/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import playwright from "eslint-plugin-playwright";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      "lib/generated/**",
      "test-results*/**",
      "playwright-report/**",
      "e2e/artifacts/**",
      "data/**",
      "next-env.d.ts",
      "lib/tools/fuzz/corpus/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Bit-level DNS code uses control characters in patterns on purpose (RFC 1035 §5.1 escapes).
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    files: ["e2e/**/*.ts"],
    ...playwright.configs["flat/recommended"],
    rules: {
      ...playwright.configs["flat/recommended"].rules,
      // Page helpers hold the assertions; specs call them.
      "playwright/expect-expect": "off",
    },
  },
);
