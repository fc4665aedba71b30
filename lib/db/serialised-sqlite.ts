/**
 * The better-sqlite3 adapter runs every query on one connection and only
 * serialises transactions among themselves: a plain query issued while an
 * interactive transaction is open lands INSIDE that transaction, and is
 * silently undone when it rolls back (a concurrent sign-off's audit entry
 * vanished that way). This wrapper makes plain queries wait until no
 * transaction is open, as a second connection would (SQLite has one writer).
 */
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A FIFO lock: acquire() resolves to its release function. */
function createLock(): { acquire(): Promise<() => void> } {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire() {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const ready = tail.then(() => release);
      tail = tail.then(() => held);
      return ready;
    },
  };
}

function serialise(inner: Adapter): Adapter {
  const lock = createLock();
  const exclusive = async <T>(f: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await f();
    } finally {
      release();
    }
  };
  const own: Partial<Adapter> = {
    queryRaw: (q) => exclusive(() => inner.queryRaw(q)),
    executeRaw: (q) => exclusive(() => inner.executeRaw(q)),
    executeScript: (s) => exclusive(() => inner.executeScript(s)),
    async startTransaction(isolationLevel) {
      // Held until commit or rollback; the transaction's own queries go through `tx`, not through this lock.
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await inner.startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      const end = (f: () => Promise<void>) => async () => {
        try {
          await f();
        } finally {
          release();
        }
      };
      const commit = end(() => tx.commit());
      const rollback = end(() => tx.rollback());
      // Methods bound to the real transaction (it keeps private fields).
      return new Proxy(tx, {
        get(target, p) {
          if (p === "commit") return commit;
          if (p === "rollback") return rollback;
          const v = Reflect.get(target, p, target) as unknown;
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  };
  return new Proxy(inner, {
    get(target, p) {
      if (Object.prototype.hasOwnProperty.call(own, p)) return own[p as keyof Adapter];
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The factory with serialised connections. */
export function serialisedSqlite(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  return new Proxy(factory, {
    get(target, p) {
      if (p === "connect") return async () => serialise(await target.connect());
      if (p === "connectToShadowDb") return async () => serialise(await target.connectToShadowDb());
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
