/**
 * The Prisma client. lib/db is the only module that imports it (DESIGN §2);
 * everything else calls the repository functions next to this file.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl, ensureDatabaseDirectory } from "./url";

export type Db = InstanceType<typeof PrismaClient>;

export function createDb(url: string = databaseUrl()): Db {
  ensureDatabaseDirectory(url);
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
}

// One client per process: Next.js dev reloads modules, so keep it on globalThis.
const holder = globalThis as unknown as { __cutoverDb?: Db };

export function getDb(): Db {
  holder.__cutoverDb ??= createDb();
  return holder.__cutoverDb;
}
