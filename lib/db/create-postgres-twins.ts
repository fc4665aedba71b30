/**
 * PostgreSQL twins of the SQLite migrations. prisma/migrations
 * (SQLite) is the history every engineer writes with `npm run db:migration`;
 * each of its directories gets a directory of the same name under
 * prisma/postgres/migrations with the PostgreSQL DDL for the same step.
 *
 * The step's schema is recovered without guessing: replay the SQLite history
 * up to the step into a scratch file, introspect it, swap the provider, and
 * let the engine diff the PostgreSQL datamodels before and after. Introspection
 * drops client-side attributes (@default(cuid()), @updatedAt) that have no DDL,
 * so nothing is lost; lib/db/migrations.pg.test.ts checks the replayed
 * PostgreSQL history has no drift from prisma/postgres/schema.prisma.
 * The engine needs a reachable PostgreSQL server even for a datamodel diff.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { dialectPaths } from "./dialect";
import { migrationLock, migrationNames, readMigrations } from "./migrations";
import { openSchemaEngine } from "./schema-engine";

export interface CreatePostgresTwinsOptions {
  /** Any reachable PostgreSQL server (the engine connects, writes nothing). */
  pgUrl: string;
  sqliteDir?: string;
  postgresDir?: string;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };
const HEAD = (provider: string) =>
  `generator client {\n  provider = "prisma-client"\n  output   = "unused"\n}\n\ndatasource db {\n  provider = "${provider}"\n}\n`;

/** SQLite migrations that have no PostgreSQL directory of the same name. */
export function missingPostgresTwins(
  sqliteDir = dialectPaths("sqlite").migrationsDir,
  postgresDir = dialectPaths("postgres").migrationsDir,
): string[] {
  const have = new Set(migrationNames(postgresDir));
  return migrationNames(sqliteDir).filter((n) => !have.has(n));
}

/** PostgreSQL directories whose SQLite original is gone (renamed or deleted). */
export function orphanPostgresMigrations(
  sqliteDir = dialectPaths("sqlite").migrationsDir,
  postgresDir = dialectPaths("postgres").migrationsDir,
): string[] {
  const have = new Set(migrationNames(sqliteDir));
  return migrationNames(postgresDir).filter((n) => !have.has(n));
}

/** Writes the missing twins, oldest first; returns their names. */
export async function createPostgresTwins(options: CreatePostgresTwinsOptions): Promise<string[]> {
  const sqliteDir = options.sqliteDir ?? dialectPaths("sqlite").migrationsDir;
  const postgresDir = options.postgresDir ?? dialectPaths("postgres").migrationsDir;
  const missing = new Set(missingPostgresTwins(sqliteDir, postgresDir));
  if (missing.size === 0) return [];
  const list = readMigrations(sqliteDir);
  const scratch = mkdtempSync(join(tmpdir(), "cutover-twins-"));
  const sqlite = await openSchemaEngine({ url: `file:${join(scratch, "history.db")}`, schema: HEAD("sqlite") });
  const pg = await openSchemaEngine({ url: options.pgUrl, schema: HEAD("postgresql") });
  const written: string[] = [];
  try {
    let before: string | null = null; // PostgreSQL datamodel after the previous step
    for (let k = 0; k < list.migrationDirectories.length; k++) {
      const name = list.migrationDirectories[k]!.path;
      await sqlite.engine.applyMigrations({
        migrationsList: { ...list, migrationDirectories: list.migrationDirectories.slice(0, k + 1) },
        filters: NO_FILTER,
      });
      const intro = await sqlite.engine.introspect({
        schema: { files: [{ path: "schema.prisma", content: HEAD("sqlite") }] },
        baseDirectoryPath: scratch,
        force: true,
        compositeTypeDepth: 0,
      } as Parameters<typeof sqlite.engine.introspect>[0]);
      const after = intro.schema.files[0]!.content.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
      if (missing.has(name)) {
        const from: DiffTarget =
          before === null
            ? { tag: "empty" }
            : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: before }] };
        const diff = await pg.engine.diff({
          from,
          to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: after }] },
          script: true,
          exitCode: null,
          filters: NO_FILTER,
        });
        const sql = (diff.stdout ?? "").trim();
        mkdirSync(join(postgresDir, name), { recursive: true });
        // An empty twin is still written: a SQLite-only step (e.g. a table redefinition) has nothing to do here.
        writeFileSync(
          join(postgresDir, name, "migration.sql"),
          sql === "" ? "-- This is an empty migration.\n" : `${sql}\n`,
        );
        written.push(name);
      }
      before = after;
    }
    writeFileSync(join(postgresDir, "migration_lock.toml"), migrationLock("postgres"));
    return written;
  } finally {
    await sqlite.close();
    await pg.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
