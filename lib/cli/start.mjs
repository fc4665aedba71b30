#!/usr/bin/env node
// `npm start`: generate the Prisma client if missing, build when there is no
// build or the app's sources changed since it, apply migrations, then serve on
// PORT (default 3000). Plain Node so it runs before anything is compiled.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFingerprint } from "./build-inputs.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const nextBin = join(root, "node_modules/next/dist/bin/next");

function run(label, args, extraEnv = {}) {
  console.log(`[cutover] ${label}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`[cutover] ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

// Both clients (SQLite, and PostgreSQL derived from the same schema): the app picks one by URL.
if (
  !existsSync(join(root, "lib/generated/prisma/client.ts")) ||
  !existsSync(join(root, "lib/generated/prisma-pg/client.ts"))
) {
  run("generating the Prisma clients", [join(root, "prisma/generate.mjs")]);
}

// Database selection (lib/db/dialect.ts): a postgres:// or postgresql:// DATABASE_URL
// selects PostgreSQL (migrations from prisma/postgres/migrations); anything else is
// SQLite, by default file:./data/cutover.db. Several instances may share one
// PostgreSQL database; SQLite is for a single instance.
const dbUrl = process.env.DATABASE_URL || "file:./data/cutover.db";
const isPg = /^postgres(ql)?:\/\//i.test(dbUrl);
console.log(
  `[cutover] database: ${isPg ? `PostgreSQL at ${new URL(dbUrl).host}${new URL(dbUrl).pathname}` : `SQLite ${dbUrl}`}`,
);

// Rebuild only when what the build compiles changed (content, not mtimes):
// tests, goldens, e2e/ and the CLI are not build inputs (lib/cli/build-inputs.mjs).
// NEXT_DIST_DIR lets parallel checkouts/test runs keep separate builds (next.config.ts reads it too).
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const buildId = join(root, distDir, "BUILD_ID");
const stamp = join(root, distDir, "cutover-build-inputs.sha256");
const fingerprint = buildFingerprint(root);
const built = existsSync(buildId) && existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : null;
if (built !== fingerprint && process.env.CUTOVER_SKIP_BUILD !== "1") {
  run(
    built === null ? "building (no build yet)" : "building (app sources changed since the last build)",
    [nextBin, "build"],
    { NODE_ENV: "production" },
  );
  writeFileSync(stamp, `${fingerprint}\n`);
}
// Tests that start several instances from one build build it once this way.
if (process.env.CUTOVER_BUILD_ONLY === "1") process.exit(0);

run("applying database migrations", [
  "--import",
  "tsx",
  "--import",
  join(root, "lib/node/server-only.mjs"),
  join(root, "lib/db/migrate-cli.ts"),
]);

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
console.log(`[cutover] serving on http://localhost:${port}`);
// Idle keep-alive sockets stay open longer than a client or proxy keeps them
// (Node's 5 s default races clients that reuse a socket right after a long,
// CPU-heavy import, which then see ECONNRESET; proxies usually idle at 60 s).
const keepAliveMs = env.CUTOVER_KEEP_ALIVE_MS ?? "65000";
const server = spawn(
  process.execPath,
  [nextBin, "start", "-p", port, "-H", hostname, "--keepAliveTimeout", keepAliveMs],
  { stdio: "inherit", env: { ...env, NODE_ENV: "production" } },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
