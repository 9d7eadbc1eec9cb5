import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The doors (ARCHITECTURE.md): pages and screens reach a feature only through lib/<feature> (index.ts, server),
    // its actions files (server actions) or its schema.ts (input schemas, labels, pure rules), and never the database.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(db|lib/db)(/.*)?$",
              message: "Pages and components never touch the database: call a service through the feature's front door (lib/<feature>).",
            },
            {
              regex: "^@/lib/[a-z-]+/(?!(actions|[a-z-]+-actions|schema)$).+",
              message:
                "Import a feature through its door: @/lib/<feature> (server), @/lib/<feature>/actions or *-actions (server actions), @/lib/<feature>/schema (client-safe).",
            },
            {
              regex: "^\\.\\.?/.*lib/",
              message: "Import lib/ through the @/lib/<feature> doors, not by a relative path.",
            },
          ],
        },
      ],
    },
  },
]);
