import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Tests are server code: the marker resolves to its empty module, as in Next.js server bundles.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    // 2 shared cores: keep the worker count modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    // The DNS lab and loopback test servers: the operator setting allows loopback, nothing wider
    //. Tests of the default pass their own env.
    env: { CUTOVER_ALLOW_PRIVATE: "loopback" },
  },
});
