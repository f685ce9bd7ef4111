import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite resolves its WASM and data files relative to its own package; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "exceljs", "@resvg/resvg-js"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default withNextIntl(nextConfig);
