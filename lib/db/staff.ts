/** Organisations and staff accounts. Passwords are hashed by lib/auth before they get here. */
import { randomUUID } from "node:crypto";
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export const DEFAULT_ORGANISATION_ID = "default-org";

export interface StaffUserRow {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
}

export async function countUsers(db: Db = getDb()): Promise<number> {
  return db.user.count();
}

export async function findOrganisationByName(
  name: string,
  db: Db = getDb(),
): Promise<{ id: string; name: string } | null> {
  return db.organisation.findFirst({ where: { name }, select: { id: true, name: true } });
}

export async function createOrganisation(name: string, db: Db = getDb()): Promise<{ id: string; name: string }> {
  return db.organisation.create({ data: { name }, select: { id: true, name: true } });
}

export interface InsertStaffUserData {
  email: string;
  name: string;
  organisationId: string;
  /** better-auth scrypt hash ("salt:key"). */
  passwordHash: string;
}

/** A user and its "credential" account in one transaction, exactly as better-auth's sign-up stores them. */
export async function insertStaffUser(data: InsertStaffUserData, db: Db = getDb()): Promise<StaffUserRow> {
  const id = randomUUID();
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: { id, email: data.email, name: data.name, organisationId: data.organisationId, emailVerified: true },
      include: { organisation: true },
    });
    await tx.account.create({
      data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: data.passwordHash },
    });
    return u;
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisationId,
    organisationName: user.organisation.name,
  };
}

/** The one FirstRunClaim row's id: its primary key lets only one "first" account exist. */
export const FIRST_RUN_CLAIM_ID = "first-account";

/**
 * The first account, atomically: the claim row, the default organisation
 * (renamed) and the user commit together or not at all. Two simultaneous
 * first-run setups both reach here; the claim's primary key refuses the
 * second (P2002, on SQLite and PostgreSQL alike), its transaction rolls
 * back, and it gets null. Null too when an account already exists.
 */
export async function insertFirstStaffUser(
  data: Omit<InsertStaffUserData, "organisationId"> & { organisationName: string },
  db: Db = getDb(),
): Promise<StaffUserRow | null> {
  const id = randomUUID();
  try {
    const user = await db.$transaction(async (tx) => {
      await tx.firstRunClaim.create({ data: { id: FIRST_RUN_CLAIM_ID, userId: id } });
      // A database with users from before the claim existed (none can be "first" then).
      if ((await tx.user.count()) > 0) throw Object.assign(new Error("an account already exists"), { code: "P2002" });
      const claimed = await tx.organisation.updateMany({
        where: { id: DEFAULT_ORGANISATION_ID },
        data: { name: data.organisationName },
      });
      const organisationId =
        claimed.count === 1
          ? DEFAULT_ORGANISATION_ID
          : (await tx.organisation.create({ data: { name: data.organisationName }, select: { id: true } })).id;
      const u = await tx.user.create({
        data: { id, email: data.email, name: data.name, organisationId, emailVerified: true },
        include: { organisation: true },
      });
      await tx.account.create({
        data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: data.passwordHash },
      });
      return u;
    });
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      organisationId: user.organisationId,
      organisationName: user.organisation.name,
    };
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

export async function getStaffUser(id: string, db: Db = getDb()): Promise<StaffUserRow | null> {
  const u = await db.user.findUnique({ where: { id }, include: { organisation: true } });
  return u
    ? {
        id: u.id,
        name: u.name,
        email: u.email,
        organisationId: u.organisationId,
        organisationName: u.organisation.name,
      }
    : null;
}

export async function findUserByEmail(email: string, db: Db = getDb()): Promise<{ id: string } | null> {
  return db.user.findUnique({ where: { email }, select: { id: true } });
}
