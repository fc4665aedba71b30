/**
 * The Prisma client. lib/db is the only module that imports it (DESIGN §2);
 * everything else calls the repository functions next to this file.
 *
 * Two generated clients from one schema (prisma/derive-postgres.mjs): SQLite
 * through better-sqlite3 (embedded default) and PostgreSQL through
 * @prisma/adapter-pg when DATABASE_URL is a postgres:// URL. Their model APIs
 * are identical for the types the schema uses, so callers see one `Db` type.
 */
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "../generated/prisma-pg/client";
import { dialectOf, type Dialect } from "./dialect";
import { serialisedSqlite } from "./serialised-sqlite";
import { databaseUrl, ensureDatabaseDirectory } from "./url";

export type Db = InstanceType<typeof PrismaClient>;

// Which dialect a client speaks, for the few raw SQL statements (placeholders differ).
// On globalThis because Next.js may load this module more than once.
const g = globalThis as unknown as {
  __cutoverDb?: Db;
  __cutoverDialects?: WeakMap<object, Dialect>;
  __cutoverDbUrls?: WeakMap<object, string>;
};
const dialects = (g.__cutoverDialects ??= new WeakMap<object, Dialect>());
// The URL a client connects to: the job queue (lib/app/jobs) opens its own connections to the same database.
const urls = (g.__cutoverDbUrls ??= new WeakMap<object, string>());

export function createDb(url: string = databaseUrl()): Db {
  const dialect = dialectOf(url);
  let db: Db;
  if (dialect === "postgres") {
    db = new PrismaPgClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  } else {
    ensureDatabaseDirectory(url);
    db = new PrismaClient({ adapter: serialisedSqlite(new PrismaBetterSqlite3({ url })) });
  }
  dialects.set(db, dialect);
  urls.set(db, url);
  return db;
}

/** The URL of a client made by createDb, or null. */
export function urlOfDb(db: Db): string | null {
  return urls.get(db) ?? null;
}

/** The dialect of a client made by createDb (SQLite for anything else, e.g. a transaction client: pass the outer one). */
export function dialectOfDb(db: Db): Dialect {
  return dialects.get(db) ?? "sqlite";
}

// One client per process: Next.js dev reloads modules, so keep it on globalThis.
export function getDb(): Db {
  g.__cutoverDb ??= createDb();
  return g.__cutoverDb;
}
