/**
 * Which database a URL names: SQLite stays the embedded default,
 * a postgres:// or postgresql:// URL selects PostgreSQL through @prisma/adapter-pg.
 */
import { resolve } from "node:path";

export type Dialect = "sqlite" | "postgres";

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** The schema and migrations directory of a dialect (the PostgreSQL copies are derived: prisma/derive-postgres.mjs). */
export function dialectPaths(
  dialect: Dialect,
  root: string = process.cwd(),
): { schemaPath: string; migrationsDir: string } {
  const base = dialect === "postgres" ? "prisma/postgres" : "prisma";
  return { schemaPath: resolve(root, base, "schema.prisma"), migrationsDir: resolve(root, base, "migrations") };
}

/**
 * Positional placeholder for raw SQL: SQLite binds `?`, PostgreSQL `$1…$n`.
 * `n` is 1-based.
 */
export function placeholder(dialect: Dialect, n: number): string {
  return dialect === "postgres" ? `$${n}` : "?";
}
