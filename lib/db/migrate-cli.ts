// `npm run db:migrate`: apply pending migrations to DATABASE_URL (default file:./data/cutover.db).
import { migrate } from "./migrate";

migrate().then(
  (applied) => console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date"),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
