/**
 * Creating staff accounts: first-run setup in the browser and
 * `cutover admin create-user`. Public sign-up is off, so these are the only
 * doors. The hash is better-auth's own scrypt, so its sign-in verifies it.
 */
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import {
  countUsers,
  createOrganisation,
  findOrganisationByName,
  findUserByEmail,
  insertFirstStaffUser,
  insertStaffUser,
  type StaffUserRow,
} from "../../db/staff";
import type { Deps } from "../use-case";
import { AppError } from "../../errors/app-error";
import { MIN_PASSWORD_LENGTH } from "../../auth/server";

export const staffUserInputSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  name: z.string().trim().max(200).default(""),
  organisation: z.string().trim().min(1, "name the organisation").max(200),
});
export type StaffUserInput = z.input<typeof staffUserInputSchema>;

function invalid(error: z.ZodError): AppError {
  return new AppError("INVALID", "invalid account details", {
    issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

/**
 * A staff user in the named organisation (created when new). The very first
 * account takes over the default organisation, which owns any transfer made
 * before accounts existed; that step is atomic (lib/db/staff.ts
 * insertFirstStaffUser), so of two racing "first" accounts only one is first.
 */
export async function createStaffUser(
  input: unknown,
  deps: Deps & { onlyFirst?: boolean } = {},
): Promise<StaffUserRow> {
  const { db } = deps;
  const p = staffUserInputSchema.safeParse(input);
  if (!p.success) throw invalid(p.error);
  const { email, password, organisation } = p.data;
  if (await findUserByEmail(email, db)) throw new AppError("CONFLICT", `an account for ${email} already exists`);
  const passwordHash = await hashPassword(password);
  const name = p.data.name || email.split("@")[0]!;
  if ((await countUsers(db)) === 0) {
    const first = await insertFirstStaffUser({ email, name, organisationName: organisation, passwordHash }, db);
    if (first) return first;
  }
  // Lost the race for "first" (or accounts exist): setup stops here; the CLI adds an ordinary account.
  if (deps.onlyFirst) throw new AppError("CONFLICT", "the first account already exists: sign in");
  const org = (await findOrganisationByName(organisation, db)) ?? (await createOrganisation(organisation, db));
  try {
    return await insertStaffUser({ email, name, organisationId: org.id, passwordHash }, db);
  } catch (e) {
    if ((e as { code?: unknown }).code === "P2002")
      throw new AppError("CONFLICT", `an account for ${email} already exists`);
    throw e;
  }
}

export async function needsFirstRunSetup(deps: Deps = {}): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

/** The browser's "create the first account": refused once any account exists, and for all but one of simultaneous submissions. */
export async function firstRunSetup(input: unknown, deps: Deps = {}): Promise<StaffUserRow> {
  if (!(await needsFirstRunSetup(deps))) throw new AppError("CONFLICT", "the first account already exists: sign in");
  return createStaffUser(input, { ...deps, onlyFirst: true });
}
