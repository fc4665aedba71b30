#!/usr/bin/env node
// `npm start`: generate the Prisma client if missing, build when the build is
// missing or older than the sources, apply migrations, then serve on PORT
// (default 3000). Plain Node so it runs before anything is compiled.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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

/** Newest mtime under the given paths, skipping tests, generated output and build artefacts. */
function newestMtime(paths) {
  let newest = 0;
  const skip = new Set(["node_modules", ".next", "generated", "__fixtures__", "artifacts"]);
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (!skip.has(name)) visit(join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(root, p)));
  return newest;
}

if (!existsSync(join(root, "lib/generated/prisma/client.ts"))) {
  run("generating the Prisma client", [join(root, "prisma/generate.mjs")]);
}

const buildId = join(root, ".next/BUILD_ID");
const sources = ["app", "lib", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "prisma/schema.prisma"];
const stale = !existsSync(buildId) || newestMtime(sources) > statSync(buildId).mtimeMs;
if (stale && process.env.CUTOVER_SKIP_BUILD !== "1") {
  run("building (sources changed since the last build)", [nextBin, "build"], { NODE_ENV: "production" });
}

run("applying database migrations", ["--import", "tsx", join(root, "lib/db/migrate-cli.ts")]);

const port = process.env.PORT ?? "3000";
const hostname = process.env.HOSTNAME_BIND ?? "0.0.0.0";
console.log(`[cutover] serving on http://localhost:${port}`);
const server = spawn(process.execPath, [nextBin, "start", "-p", port, "-H", hostname], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
