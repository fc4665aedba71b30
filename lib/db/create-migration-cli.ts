// `npm run db:migration -- <name>`: write prisma/migrations/<timestamp>_<name>/ from the schema.
import { createMigration } from "./create-migration";

const name = process.argv[2] ?? "migration";
createMigration({ name }).then(
  (dir) => console.log(dir ? `created prisma/migrations/${dir}` : "schema unchanged: no migration created"),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
