/**
 * Browser start-up settings the CSP needs, loaded by instrumentation-client.ts
 * before the app hydrates.
 *
 * zod 4 probes for `new Function` support the first time it parses an object
 * (its JIT fast path). Under script-src without 'unsafe-eval' the probe
 * fails safely but still reports a CSP violation on every page that
 * validates input client-side; jitless skips the probe (zod docs, "jitless").
 * The server is not affected: this file only runs in browsers.
 */
import { config } from "zod/v4/core";

config({ jitless: true });
