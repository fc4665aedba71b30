/** A staff member of a new organisation, for tests that go through the guarded use cases. */
import type { StaffActor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { createStaffUser } from "../accounts/staff-users";

export async function seedStaff(options: { email: string; db?: Db }): Promise<StaffActor> {
  const u = await createStaffUser({ email: options.email, password: "long enough password", organisation: `org of ${options.email}` }, options.db);
  return { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
}
