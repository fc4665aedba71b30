/**
 * Two dialects, one schema: the PostgreSQL schema is derived
 * from prisma/schema.prisma and every SQLite migration has a PostgreSQL twin
 * of the same name. On PostgreSQL (CUTOVER_TEST_PG_URL) the replayed twins
 * produce the same catalog as the derived schema, and concurrent starts migrate once.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../prisma/derive-postgres.mjs";
import { missingPostgresTwins, orphanPostgresMigrations } from "./create-postgres-twins";
import { dialectOf, dialectPaths } from "./dialect";
import { migrate } from "./migrate";
import { migrationNames } from "./migrations";
import { openSchemaEngine } from "./schema-engine";
import { createPgDatabase, testDialects } from "./test-db";

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function pgQuery<R extends Record<string, unknown>>(url: string, sql: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Tables, columns, indexes and constraints of the public schema as sorted lines (Prisma's own table excluded). */
async function catalog(url: string): Promise<string[]> {
  const cols = await pgQuery<{ t: string; c: string; ty: string; n: string; d: string | null }>(
    url,
    `SELECT table_name t, column_name c, data_type ty, is_nullable n, column_default d FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const idx = await pgQuery<{ d: string }>(
    url,
    `SELECT indexdef d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const cons = await pgQuery<{ t: string; n: string; d: string }>(
    url,
    `SELECT conrelid::regclass::text t, conname n, pg_get_constraintdef(oid) d FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
  );
  return [
    ...cols.map((r) => `column ${r.t}.${r.c} ${r.ty} null= ${r.n} default=${r.d ?? ""}`),
    ...idx.map((r) => `index ${r.d}`),
    ...cons.map((r) => `constraint ${r.t} ${r.n} ${r.d}`),
  ].sort();
}

describe("the PostgreSQL copies", () => {
  it("prisma/postgres/schema.prisma is derived from the current prisma/schema.prisma (run `npm run db:generate`)", () => {
    const derived = derivePostgresSchema(readFileSync("prisma/schema.prisma", "utf8"));
    expect(readFileSync("prisma/postgres/schema.prisma", "utf8")).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output              = "../../lib/generated/prisma-pg"');
  });

  it("every SQLite migration has a PostgreSQL twin and no twin is orphaned (run `npm run db:migration`)", () => {
    expect(missingPostgresTwins()).toEqual([]);
    expect(orphanPostgresMigrations()).toEqual([]);
    expect(migrationNames(dialectPaths("postgres").migrationsDir)).toEqual(
      migrationNames(dialectPaths("sqlite").migrationsDir),
    );
    expect(readFileSync("prisma/postgres/migrations/migration_lock.toml", "utf8")).toContain('provider = "postgresql"');
  });

  it("picks the dialect from the URL", () => {
    expect(dialectOf("postgres://u@h/db")).toBe("postgres");
    expect(dialectOf("postgresql://u@h:5432/db?sslmode=disable")).toBe("postgres");
    expect(dialectOf("file:./data/cutover.db")).toBe("sqlite");
    expect(dialectPaths("postgres", "/r")).toEqual({
      schemaPath: "/r/prisma/postgres/schema.prisma",
      migrationsDir: "/r/prisma/postgres/migrations",
    });
  });
});

describe.each(testDialects().filter((d) => d === "postgres"))("migrations on %s", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(drops.map((d) => d()));
  });

  it("two instances starting at once apply every migration exactly once, and the result has no drift from the derived schema", async () => {
    const database = await createPgDatabase();
    drops.push(database.drop);
    const [a, b] = await Promise.all([migrate({ url: database.url }), migrate({ url: database.url })]);
    const all = migrationNames(dialectPaths("postgres").migrationsDir);
    expect([...a, ...b].sort()).toEqual(all);
    expect(a.length === 0 || b.length === 0).toBe(true);
    // The engine's own drift check (describe the live schema) cannot read PostgreSQL's
    // catalogs through the pg adapter, so compare catalogs instead: a second database
    // built straight from the derived schema must look exactly like the migrated one.
    const schema = readFileSync("prisma/postgres/schema.prisma", "utf8");
    const direct = await createPgDatabase();
    drops.push(direct.drop);
    const { engine, close } = await openSchemaEngine({ url: direct.url, schema });
    let ddl: string;
    try {
      const diff = await engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      });
      ddl = diff.stdout ?? "";
    } finally {
      await close();
    }
    expect(ddl).toContain('CREATE TABLE "Run"');
    await pgQuery(direct.url, ddl);
    const migrated = await catalog(database.url);
    expect(migrated.length).toBeGreaterThan(100);
    expect(migrated).toContain("column Run.heartbeatAt timestamp without time zone null= YES default=");
    expect(migrated).toEqual(await catalog(direct.url));
  }, 120_000);
});
