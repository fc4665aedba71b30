#!/usr/bin/env node
// `prisma generate` without the native schema engine: the engine cannot be
// downloaded here and generate does not need it, but the CLI insists on a
// path, so point it at any executable. Runs at postinstall and from npm start.
// Generates both clients: SQLite (lib/generated/prisma) from prisma/schema.prisma
// and PostgreSQL (lib/generated/prisma-pg) from the copy derived from it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writeDerivedSchema } from "./derive-postgres.mjs";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (process.platform === "win32" ? process.execPath : "/bin/true"),
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
writeDerivedSchema();
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  const r = spawnSync(process.execPath, [cli, "generate", "--schema", schema], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
