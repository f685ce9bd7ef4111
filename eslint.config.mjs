import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const restrictedImports = {
  paths: [
    { name: "drizzle-orm", message: "Only lib/dal and db/ may use the database." },
    { name: "postgres", message: "Only db/ may open a database connection." },
    { name: "@electric-sql/pglite", message: "Only db/ may open a database connection." },
    { name: "next-intl/server", importNames: ["getTranslations"], message: "Use getTranslations from @/i18n/server: it keeps compiled messages across requests." },
  ],
  patterns: [
    { group: ["@/db", "@/db/*", "**/db/*", "drizzle-orm/*", "@electric-sql/pglite/*"], message: "Only lib/dal and db/ may use the database: go through the data-access layer." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".data/**", ".data-*/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["db/**", "lib/dal/**", "scripts/**", "tests/**"],
    rules: {
      "no-restricted-imports": ["error", restrictedImports],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
