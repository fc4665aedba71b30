import type { NextConfig } from "next";

// DESIGN §10: CSP and the usual security headers on every page. Next.js
// injects inline bootstrap scripts, hence 'unsafe-inline' for scripts; dev
// mode additionally needs eval for fast refresh.
const dev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build directories for parallel test runs (lib/cli/start.mjs reads the same variable).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Type-check what the app compiles, not tests or benchmarks (tsconfig.build.json);
  // `npm run typecheck` covers the whole project.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Native module and WASM loaders stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/schema-engine-wasm"],
  experimental: {
    // Server actions carry only small forms; uploads go through a route handler.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
