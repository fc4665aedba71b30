import type { NextConfig } from "next";
import { staticHeaderRules } from "./lib/security/headers";

// DESIGN §10: security headers on every response (lib/security/headers.ts).
// Pages get a per-request nonce CSP from proxy.ts, which overrides the locked
// CSP set here for everything (API routes, build assets, anything the proxy skips).
const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build directories for parallel test runs (lib/cli/start.mjs reads the same variable).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Type-check what the app compiles, not tests or benchmarks (tsconfig.build.json);
  // `npm run typecheck` covers the whole project.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native module and WASM loaders stay outside the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/schema-engine-wasm",
    "pg",
    "@prisma/adapter-pg",
    "pg-boss",
  ],
  experimental: {
    // Server actions carry only small forms; uploads go through a route handler.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return staticHeaderRules();
  },
};

export default nextConfig;
