/**
 * Write a new migration for the difference between the existing migrations
 * and prisma/schema.prisma (what `prisma migrate dev --create-only` does).
 * Run with `npm run db:migration -- <name>` (lib/db/create-migration-cli.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DiffTarget } from "@prisma/schema-engine-wasm";
import { openSchemaEngine } from "./schema-engine";
import { MIGRATION_LOCK, defaultMigrationsDir, defaultSchemaPath, readMigrations } from "./migrations";

export interface CreateMigrationOptions {
  name: string;
  migrationsDir?: string;
  schemaPath?: string;
  now?: Date;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** Returns the new directory name, or null when the schema has no changes. */
export async function createMigration(options: CreateMigrationOptions): Promise<string | null> {
  const baseDir = options.migrationsDir ?? defaultMigrationsDir();
  const schemaPath = options.schemaPath ?? defaultSchemaPath();
  const schema = readFileSync(schemaPath, "utf8");
  const list = readMigrations(baseDir);
  // The engine's own history replay (diff from { tag: "migrations" }) sends
  // whole scripts through executeRaw, which better-sqlite3 rejects (one
  // statement per prepare). So replay the history with applyMigrations into a
  // scratch database and diff from that database instead.
  const scratch = mkdtempSync(join(tmpdir(), "cutover-migration-"));
  const { engine, close } = await openSchemaEngine({ url: `file:${join(scratch, "history.db")}`, schema });
  try {
    await engine.applyMigrations({ migrationsList: list, filters: NO_FILTER });
    const from: DiffTarget = {
      tag: "schemaDatasource",
      files: [{ path: schemaPath, content: schema }],
      configDir: scratch,
    };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = result.stdout ?? "";
    if (sql.trim() === "" || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) return null;
    const slug =
      options.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_|_$/g, "") || "migration";
    const dir = `${timestamp(options.now ?? new Date())}_${slug}`;
    mkdirSync(join(baseDir, dir), { recursive: true });
    writeFileSync(join(baseDir, dir, "migration.sql"), sql);
    writeFileSync(join(baseDir, "migration_lock.toml"), MIGRATION_LOCK);
    return dir;
  } finally {
    await close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
