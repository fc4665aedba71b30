/** A fresh migrated SQLite database in a temp directory, for tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "./client";
import type { Db } from "./client";
import { migrate } from "./migrate";

export interface TestDb {
  db: Db;
  url: string;
  dispose(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "cutover-db-"));
  const url = `file:${join(dir, "test.db")}`;
  await migrate({ url });
  const db = createDb(url);
  return {
    db,
    url,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
