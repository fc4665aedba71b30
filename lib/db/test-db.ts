/**
 * A fresh migrated database for tests: a SQLite file in a temp directory, or
 * a new database on the PostgreSQL server named by CUTOVER_TEST_PG_URL
 * (.ci/run starts one). Each call gets its own database, dropped on dispose.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDb } from "./client";
import type { Db } from "./client";
import type { Dialect } from "./dialect";
import { migrate } from "./migrate";

export interface TestDb {
  db: Db;
  url: string;
  dialect: Dialect;
  dispose(): Promise<void>;
}

/**
 * The dialects the persistence suite runs on: SQLite always, PostgreSQL when
 * CUTOVER_TEST_PG_URL is set. In CI it must be set: a missing server fails
 * the suite instead of silently testing one database.
 */
export function testDialects(env: Record<string, string | undefined> = process.env): Dialect[] {
  if (env.CUTOVER_TEST_PG_URL) return ["sqlite", "postgres"];
  if (env.CI === "true" || env.CI === "1")
    throw new Error(
      "CI=true but CUTOVER_TEST_PG_URL is not set: .ci/run starts the PostgreSQL server the persistence suite needs",
    );
  return ["sqlite"];
}

/** The admin URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.CUTOVER_TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** An empty PostgreSQL database (not migrated); drop() removes it even with clients still connected. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.CUTOVER_TEST_PG_URL;
  if (!admin) throw new Error("CUTOVER_TEST_PG_URL is not set");
  const name = `cutover_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(admin, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function createTestDb(dialect: Dialect = "sqlite"): Promise<TestDb> {
  if (dialect === "postgres") {
    const database = await createPgDatabase();
    await migrate({ url: database.url });
    const db = createDb(database.url);
    return {
      db,
      url: database.url,
      dialect,
      async dispose() {
        await db.$disconnect();
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "cutover-db-"));
  const url = `file:${join(dir, "test.db")}`;
  await migrate({ url });
  const db = createDb(url);
  return {
    db,
    url,
    dialect,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
