/**
 * Seeds a database for the SSO spec through lib/ (the code paths the app uses):
 * `tsx e2e/support/seed-oidc.ts <json>` with DATABASE_URL set. One password
 * account in "Other registrar" (so the instance is past first-run setup) with
 * one transfer; with `ssoOrganisation`, that organisation too, with its own
 * transfer. Prints one JSON line.
 */
import { createTransfer } from "../../lib/db/create-transfer";
import { createOrganisation } from "../../lib/db/staff";
import { migrate } from "../../lib/db/migrate";
import { createStaffUser } from "../../lib/app/accounts/staff-users";
import { runSeed } from "./seed-script";

const opts = JSON.parse(process.argv[2] ?? "{}") as {
  otherDomain: string;
  otherEmail: string;
  ssoOrganisation?: string;
  ssoDomain?: string;
};

function transferData(domain: string) {
  return {
    domainAscii: domain,
    domainUnicode: domain,
    losingRegistrar: "Old Registrar GmbH",
    gainingRegistrar: "New Registrar Ltd",
    currentDnsOperator: "Old Host DNS",
    futureDnsOperator: "New Host DNS",
    dnsHostingMoves: true,
  };
}

async function main(): Promise<{ ssoOrganisationId: string | null }> {
  await migrate();
  const other = await createStaffUser({
    email: opts.otherEmail,
    password: "other-registrar-password",
    organisation: "Other registrar",
  });
  await createTransfer({ ...transferData(opts.otherDomain), organisationId: other.organisationId });
  if (!opts.ssoOrganisation) return { ssoOrganisationId: null };
  const org = await createOrganisation(opts.ssoOrganisation);
  await createTransfer({ ...transferData(opts.ssoDomain!), organisationId: org.id });
  return { ssoOrganisationId: org.id };
}

runSeed(main);
