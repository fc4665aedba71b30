/** Organisations and staff accounts (issue 6 §1). Passwords are hashed by lib/auth before they get here. */
import { randomUUID } from "node:crypto";
import type { Db } from "./client";
import { getDb } from "./client";

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

export async function findOrganisationByName(name: string, db: Db = getDb()): Promise<{ id: string; name: string } | null> {
  return db.organisation.findFirst({ where: { name }, select: { id: true, name: true } });
}

export async function createOrganisation(name: string, db: Db = getDb()): Promise<{ id: string; name: string }> {
  return db.organisation.create({ data: { name }, select: { id: true, name: true } });
}

/** The very first account takes over the default organisation (and the transfers made before accounts), renamed. */
export async function claimDefaultOrganisation(name: string, db: Db = getDb()): Promise<{ id: string; name: string } | null> {
  const r = await db.organisation.updateMany({ where: { id: DEFAULT_ORGANISATION_ID }, data: { name } });
  return r.count === 1 ? { id: DEFAULT_ORGANISATION_ID, name } : null;
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
    const u = await tx.user.create({ data: { id, email: data.email, name: data.name, organisationId: data.organisationId, emailVerified: true }, include: { organisation: true } });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: data.passwordHash } });
    return u;
  });
  return { id: user.id, name: user.name, email: user.email, organisationId: user.organisationId, organisationName: user.organisation.name };
}

export async function getStaffUser(id: string, db: Db = getDb()): Promise<StaffUserRow | null> {
  const u = await db.user.findUnique({ where: { id }, include: { organisation: true } });
  return u ? { id: u.id, name: u.name, email: u.email, organisationId: u.organisationId, organisationName: u.organisation.name } : null;
}

export async function findUserByEmail(email: string, db: Db = getDb()): Promise<{ id: string } | null> {
  return db.user.findUnique({ where: { email }, select: { id: true } });
}
