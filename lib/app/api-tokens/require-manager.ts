import type { Actor, StaffActor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaffActor } from "../../auth/require";

/** Tokens are managed by signed-in staff only: a token cannot mint, list or revoke tokens. */
export function requireTokenManager(actor: Actor | null | undefined): StaffActor {
  const staff = requireStaffActor(actor);
  if (staff.apiToken) throw new AppError("FORBIDDEN", "API tokens are managed by staff in the browser");
  return staff;
}
