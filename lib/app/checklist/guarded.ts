/** Guarded entry points for schedule, checklist revisions, sign-off links and downloads: staff of the owning organisation. */
import { auditActor, type Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { createChecklistRevision } from "./create-checklist-revision";
import { getBundle, getFindingsCsv, type DownloadResult } from "./downloads";
import { getChecklistPage, type ChecklistPageData } from "./get-checklist";
import { getSchedulePage, type SchedulePageData } from "../schedule/get-schedule";
import { issueLink, revokeLink, type IssueLinkResult } from "../links/links";
import { saveParty, type SavePartyResult } from "../parties/save-party";
import { saveOperationsPlan, type SaveOperationsPlanResult } from "../schedule/operations-plan";
import { saveSchedule, type SaveScheduleResult } from "../schedule/save-schedule";
import { getScheduleIcs, type ScheduleIcsResult } from "../schedule/schedule-ics";

export async function getSchedulePageFor(actor: Actor | null, transferId: string, db?: Db): Promise<SchedulePageData> {
  await requireStaff(actor, transferId, db);
  const p = await getSchedulePage(transferId, db);
  if (!p) throw new AppError("NOT_FOUND", "no such transfer");
  return p;
}

export async function saveScheduleFor(actor: Actor | null, options: { transferId: string; input: unknown; db?: Db }): Promise<SaveScheduleResult> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  return saveSchedule({ ...options, actor: auditActor(staff) });
}

export async function savePartyFor(actor: Actor | null, options: { transferId: string; input: unknown; db?: Db }): Promise<SavePartyResult> {
  await requireStaff(actor, options.transferId, options.db);
  return saveParty(options);
}

export async function saveOperationsPlanFor(actor: Actor | null, options: { transferId: string; input: unknown; db?: Db }): Promise<SaveOperationsPlanResult> {
  await requireStaff(actor, options.transferId, options.db);
  return saveOperationsPlan(options);
}

export async function getScheduleIcsFor(actor: Actor | null, transferId: string, db?: Db): Promise<ScheduleIcsResult> {
  await requireStaff(actor, transferId, db);
  return getScheduleIcs(transferId, db);
}

export async function createChecklistRevisionFor(actor: Actor | null, transferId: string, db?: Db) {
  const { actor: staff } = await requireStaff(actor, transferId, db);
  return createChecklistRevision({ transferId, db, actor: auditActor(staff) });
}

export async function getChecklistPageFor(actor: Actor | null, transferId: string, db?: Db): Promise<ChecklistPageData> {
  await requireStaff(actor, transferId, db);
  const p = await getChecklistPage(transferId, { db });
  if (!p) throw new AppError("NOT_FOUND", "no such transfer");
  return p;
}

export async function issueLinkFor(actor: Actor | null, options: { transferId: string; role: unknown; db?: Db }): Promise<IssueLinkResult> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  return issueLink({ ...options, actor: auditActor(staff) });
}

export async function revokeLinkFor(actor: Actor | null, options: { transferId: string; linkId: string; db?: Db }): Promise<{ ok: boolean }> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  return revokeLink({ ...options, actor: auditActor(staff) });
}

export async function getBundleFor(actor: Actor | null, options: { transferId: string; revisionNumber: number | null; db?: Db }): Promise<DownloadResult> {
  await requireStaff(actor, options.transferId, options.db);
  return getBundle(options);
}

export async function getFindingsCsvFor(actor: Actor | null, options: { transferId: string; revisionNumber: number | null; db?: Db }): Promise<DownloadResult> {
  await requireStaff(actor, options.transferId, options.db);
  return getFindingsCsv(options);
}
