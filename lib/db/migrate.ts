/**
 * Apply pending migrations with the WASM schema engine: prisma/migrations for
 * SQLite, prisma/postgres/migrations for PostgreSQL (chosen by the URL). Keeps
 * Prisma's `_prisma_migrations` table, so `prisma migrate deploy` agrees with
 * us wherever the native engine exists.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { openSchemaEngine } from "./schema-engine";
import { readMigrations } from "./migrations";
import { dialectOf, dialectPaths } from "./dialect";
import { databaseUrl } from "./url";

export interface MigrateOptions {
  url?: string;
  migrationsDir?: string;
  schemaPath?: string;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };
/** Arbitrary fixed key: every Cutover instance serialises on it. */
const MIGRATE_LOCK_KEY = 727073690;

/** Returns the names of the migrations applied by this call (empty when up to date). */
export async function migrate(options: MigrateOptions = {}): Promise<string[]> {
  const url = options.url ?? databaseUrl();
  const dialect = dialectOf(url);
  const paths = dialectPaths(dialect);
  const schema = readFileSync(options.schemaPath ?? paths.schemaPath, "utf8");
  const apply = async () => {
    const { engine, close } = await openSchemaEngine({ url, schema });
    try {
      const out = await engine.applyMigrations({
        migrationsList: readMigrations(options.migrationsDir ?? paths.migrationsDir),
        filters: NO_FILTER,
      });
      return out.appliedMigrationNames;
    } finally {
      await close();
    }
  };
  if (dialect === "sqlite") return apply();
  // Several instances may start at once on one PostgreSQL database: the
  // first applies, the others wait on a session advisory lock and then find
  // nothing pending.
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    return await apply();
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
