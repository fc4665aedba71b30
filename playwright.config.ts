import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// A fresh SQLite database per run so specs never see stale data.
// Kept in the environment so worker processes (which load this file again) seed the same database.
const dataDir = (process.env.CUTOVER_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "cutover-e2e-")));
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 1 : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Browsers cannot be downloaded here: use the distribution's Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // npm start builds when needed, applies migrations to the fresh DB, serves.
    command: "node lib/cli/start.mjs",
    url: `${baseURL}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: `file:${join(dataDir, "e2e.db")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // Staff sign-in: better-auth checks Origin against this; each worker signs in once per test.
      CUTOVER_BASE_URL: baseURL,
      CUTOVER_SIGNIN_RATE_LIMIT: "10000",
      // Small limits keep the oversize tests cheap (defaults: 50 MiB per file,
      // 200 MiB per upload); 4 MiB still admits the ~3 MB 100k-record zone.
      CUTOVER_MAX_UPLOAD_MB: "4",
      CUTOVER_MAX_UPLOAD_TOTAL_MB: "6",
      // The DNS lab listens on loopback: the operator allows loopback destinations, nothing wider.
      CUTOVER_ALLOW_PRIVATE: "loopback",
    },
  },
});
