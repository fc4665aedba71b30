#!/usr/bin/env node
// `prisma generate` without the native schema engine: the engine cannot be
// downloaded here and generate does not need it, but the CLI insists on a
// path, so point it at any executable. Runs at postinstall and from npm start.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (process.platform === "win32" ? process.execPath : "/bin/true"),
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const r = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
