/**
 * The per-server query budget shared by every worker, in the database
 * (lib/dns/shared-rate.ts explains the slices). One row per server address;
 * a lease locks the row, reads the database's clock (so workers on machines
 * with skewed clocks still agree on the slice), grants and writes back in one
 * short transaction. Works on both dialects; it matters on PostgreSQL, where
 * several processes query the same servers.
 */
import { grantFor, type SharedRateLimit } from "../dns/shared-rate";
import type { Db } from "./client";
import { dialectOfDb, getDb } from "./client";

export function databaseSharedRate(db: Db = getDb()): SharedRateLimit {
  const pg = dialectOfDb(db) === "postgres";
  return {
    async take(key, want, rate) {
      return db.$transaction(
        async (tx) => {
          if (pg) {
            await tx.$executeRawUnsafe(
              `INSERT INTO "RateSlice" ("key", "slice", "used") VALUES ($1, 0, 0) ON CONFLICT ("key") DO NOTHING`,
              key,
            );
            const [row] = await tx.$queryRawUnsafe<{ slice: bigint; used: number; now: number }[]>(
              `SELECT "slice", "used", (extract(epoch from clock_timestamp()) * 1000)::float8 AS "now" FROM "RateSlice" WHERE "key" = $1 FOR UPDATE`,
              key,
            );
            const r = grantFor({ slice: Number(row!.slice), used: Number(row!.used) }, want, rate, Number(row!.now));
            if (r.grant.granted > 0)
              await tx.$executeRawUnsafe(
                `UPDATE "RateSlice" SET "slice" = $2, "used" = $3 WHERE "key" = $1`,
                key,
                BigInt(r.slice),
                r.used,
              );
            return r.grant;
          }
          // SQLite: one writer at a time, so the transaction itself is the lock.
          const row = await tx.rateSlice.findUnique({ where: { key } });
          const r = grantFor(row && { slice: Number(row.slice), used: row.used }, want, rate, Date.now());
          if (r.grant.granted > 0)
            await tx.rateSlice.upsert({
              where: { key },
              create: { key, slice: BigInt(r.slice), used: r.used },
              update: { slice: BigInt(r.slice), used: r.used },
            });
          return r.grant;
        },
        { timeout: 10_000, maxWait: 10_000 },
      );
    },
  };
}
