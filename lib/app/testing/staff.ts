/** Staff actors for tests and seeds that go through the use cases (which check access themselves). */
import type { StaffActor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { DEFAULT_ORGANISATION_ID } from "../../db/staff";
import { createStaffUser } from "../accounts/staff-users";

export async function seedStaff(options: { email: string; db?: Db }): Promise<StaffActor> {
  const u = await createStaffUser(
    { email: options.email, password: "long enough password", organisation: `org of ${options.email}` },
    { db: options.db },
  );
  return { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
}

/** A staff member of the organisation that owns `transferId` (no account row: the guards check the organisation only). */
export async function staffOfTransfer(transferId: string, db?: Db): Promise<StaffActor> {
  const t = await getTransfer(transferId, db);
  if (!t) throw new Error(`staffOfTransfer: no transfer ${transferId}`);
  return {
    kind: "staff",
    userId: "seed-staff",
    name: "Seed Staff",
    email: "seed@cutover.test",
    organisationId: t.organisationId,
  };
}

/** A staff member of the default organisation, which owns every transfer seedTransfer (seed.ts) makes. */
export const SEED_STAFF: StaffActor = {
  kind: "staff",
  userId: "seed-staff",
  name: "Seed Staff",
  email: "seed@cutover.test",
  organisationId: DEFAULT_ORGANISATION_ID,
};
