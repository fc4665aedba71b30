#!/usr/bin/env node
// prisma/schema.prisma is the single source of truth; a Prisma schema has one
// provider, so the PostgreSQL copy is derived from it: provider swapped and the
// client generated into lib/generated/prisma-pg. Run by prisma/generate.mjs;
// lib/db/derived-schema.test.ts fails when the committed copy is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SOURCE = fileURLToPath(new URL("./schema.prisma", import.meta.url));
export const DERIVED = fileURLToPath(new URL("./postgres/schema.prisma", import.meta.url));

const BANNER =
  "// GENERATED from prisma/schema.prisma by prisma/derive-postgres.mjs: do not edit.\n// Edit prisma/schema.prisma, then `npm run db:generate`.\n\n";

function replaceOnce(text, re, replacement, what) {
  let n = 0;
  const out = text.replace(re, (_all, head) => {
    n++;
    return head + replacement;
  });
  if (n !== 1) throw new Error(`derive-postgres: expected exactly one ${what} in prisma/schema.prisma, found ${n}`);
  return out;
}

/** The PostgreSQL schema text for a SQLite schema text. */
export function derivePostgresSchema(sqlite) {
  let s = replaceOnce(
    sqlite,
    /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/,
    '"postgresql"',
    'datasource provider "sqlite"',
  );
  // The schema moves one directory down, and the generated client is a separate module.
  s = replaceOnce(
    s,
    /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/,
    '"../../lib/generated/prisma-pg"',
    "client output",
  );
  return BANNER + s;
}

export function writeDerivedSchema() {
  const text = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  writeFileSync(DERIVED, text);
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeDerivedSchema();
  console.log("derived prisma/postgres/schema.prisma");
}
