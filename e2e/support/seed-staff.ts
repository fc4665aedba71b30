/**
 * Seeds one staff account through lib/ (the code paths the app uses), run with tsx by the
 * e2e fixtures: `tsx e2e/support/seed-staff.ts <email> <password>`. All e2e
 * staff share one organisation, which owns the transfers other seeds create.
 */
import { migrate } from "../../lib/db/migrate";
import { getDb } from "../../lib/db/client";
import { createStaffUser } from "../../lib/app/accounts/staff-users";

const [email, password] = process.argv.slice(2);

async function main() {
  await migrate();
  const u = await createStaffUser({ email, password, name: "E2E staff", organisation: "E2E registrar" });
  process.stdout.write(JSON.stringify({ id: u.id, organisationId: u.organisationId }) + "\n");
}

main()
  .then(() => getDb().$disconnect())
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
