/**
 * Who is asking, from request headers: a staff session cookie, or a
 * maintainer invite token in the X-Cutover-Invite header (never in a URL
 * that could be logged; the invite page itself uses lib/app/invites/invite-token.ts).
 */
import type { Db } from "../../db/client";
import type { Actor, StaffActor } from "../../auth/actor";
import { resolveInvite } from "../invites/invite-token";
import { isAppError } from "../../errors/app-error";
import { getAuth, type Auth } from "../../auth/server";

export const INVITE_HEADER = "x-cutover-invite";

export async function staffFromHeaders(headers: Headers, auth: Auth = getAuth()): Promise<StaffActor | null> {
  if (!/(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(headers.get("cookie") ?? "")) return null;
  const s = await auth.api.getSession({ headers }).catch(() => null);
  if (!s) return null;
  const u = s.user as typeof s.user & { organisationId?: string };
  if (!u.organisationId) return null;
  return { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
}

export interface ActorOptions {
  headers: Headers;
  ip?: string;
  db?: Db;
  auth?: Auth;
  now?: Date;
}

/** Staff session first; else a valid invite header; else null (the use case then answers UNAUTHENTICATED). */
export async function actorFromHeaders(o: ActorOptions): Promise<Actor | null> {
  const staff = await staffFromHeaders(o.headers, o.auth);
  if (staff) return staff;
  const token = o.headers.get(INVITE_HEADER);
  if (!token) return null;
  try {
    return (await resolveInvite({ token, ip: o.ip }, { db: o.db, now: o.now })).actor;
  } catch (e) {
    // A wrong, revoked, expired or rate-limited invite is no actor: the use case then answers UNAUTHENTICATED.
    if (isAppError(e)) return null;
    throw e;
  }
}
