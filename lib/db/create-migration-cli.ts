// `npm run db:migration -- <name>`: write prisma/migrations/<timestamp>_<name>/ from the schema,
// then the PostgreSQL twin of every SQLite migration that lacks one (prisma/postgres/migrations/).
// PostgreSQL server for the engine: CUTOVER_MIGRATION_PG_URL, CUTOVER_TEST_PG_URL, a postgres
// DATABASE_URL, or else a throwaway cluster (.ci/pg-cluster.sh).
import { writeDerivedSchema } from "../../prisma/derive-postgres.mjs";
import { readEnvironment } from "../config/environment";
import { createMigration } from "./create-migration";
import { createPostgresTwins } from "./create-postgres-twins";
import { dialectOf } from "./dialect";
import { startThrowawayPg, type ThrowawayPg } from "./throwaway-pg";

async function main(): Promise<void> {
  const name = process.argv[2] ?? "migration";
  const dir = await createMigration({ name });
  console.log(dir ? `created prisma/migrations/${dir}` : "schema unchanged: no SQLite migration created");
  writeDerivedSchema();
  const env = readEnvironment();
  let url =
    env.CUTOVER_MIGRATION_PG_URL ||
    env.CUTOVER_TEST_PG_URL ||
    (env.DATABASE_URL && dialectOf(env.DATABASE_URL) === "postgres" ? env.DATABASE_URL : "");
  let cluster: ThrowawayPg | null = null;
  if (!url) {
    cluster = startThrowawayPg();
    url = cluster.url;
  }
  try {
    const twins = await createPostgresTwins({ pgUrl: url });
    for (const t of twins) console.log(`created prisma/postgres/migrations/${t}`);
  } finally {
    cluster?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
