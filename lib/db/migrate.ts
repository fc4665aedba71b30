/**
 * Apply pending migrations from prisma/migrations with the WASM schema
 * engine. Keeps Prisma's `_prisma_migrations` table, so `prisma migrate
 * deploy` agrees with us wherever the native engine exists.
 */
import { readFileSync } from "node:fs";
import { openSchemaEngine } from "./schema-engine";
import { defaultMigrationsDir, defaultSchemaPath, readMigrations } from "./migrations";
import { databaseUrl } from "./url";

export interface MigrateOptions {
  url?: string;
  migrationsDir?: string;
  schemaPath?: string;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Returns the names of the migrations applied by this call (empty when up to date). */
export async function migrate(options: MigrateOptions = {}): Promise<string[]> {
  const url = options.url ?? databaseUrl();
  const schema = readFileSync(options.schemaPath ?? defaultSchemaPath(), "utf8");
  const { engine, close } = await openSchemaEngine({ url, schema });
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrations(options.migrationsDir ?? defaultMigrationsDir()),
      filters: NO_FILTER,
    });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
