/**
 * Guarded entry points for transfers and sources (§4): the app
 * calls these, never the unguarded functions; each authorises first
 * (lib/auth/require.ts) and throws AppError.
 */
import { auditActor, type Actor } from "../../auth/actor";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { requireStaff, requireStaffActor, requireTransferAccess } from "../../auth/require";
import type { Db } from "../../db/client";
import { listTransfers, type TransferListItem } from "../../db/list-transfers";
import { setDnsHostingMoves } from "../../db/update-transfer";
import { saveParty } from "../parties/save-party";
import { listPartyRows } from "../../db/checklist-schedule";
import { mergeOwnerAnswers } from "../parties/merge-owner-answers";
import { getRecordsTable } from "../sources/get-records-table";
import { getSourceReport, type SourceReport } from "../sources/get-source-report";
import { importSources, type ImportSourcesResult, type SourceToImport } from "../sources/import-sources";
import type { RecordsTable } from "../sources/records-table";
import { z } from "zod";
import { contactSchema } from "../../schedule/parties";
import { abuseLimits } from "../../config/abuse-limits";

export async function listTransfersFor(actor: Actor | null, db?: Db): Promise<TransferListItem[]> {
  const staff = requireStaffActor(actor);
  return listTransfers(db, staff.organisationId);
}

export async function getRecordsTableFor(actor: Actor | null, transferId: string, db?: Db): Promise<RecordsTable> {
  await requireStaff(actor, transferId, db);
  const t = await getRecordsTable(transferId, db);
  if (!t) throw new AppError("NOT_FOUND", "no such transfer");
  return t;
}

export async function getSourceReportFor(actor: Actor | null, transferId: string, sourceId: string, db?: Db): Promise<SourceReport> {
  await requireStaff(actor, transferId, db);
  const r = await getSourceReport(transferId, sourceId, db);
  if (!r) throw new AppError("NOT_FOUND", "no such source");
  return r;
}

/** Upload: staff, or the invited maintainer. Over the per-import record limit a source is refused, not stored. */
export async function importSourcesFor(actor: Actor | null, options: { transferId: string; sources: SourceToImport[]; db?: Db; env?: Record<string, string | undefined> }): Promise<ImportSourcesResult & { ok: true }> {
  const access = await requireTransferAccess(actor, options.transferId, "upload", options.db);
  // The same caps for staff and invite holders. Who brought which file (staff member or the
  // maintainer's invite), by content hash: written in each source's transaction.
  const limits = abuseLimits(options.env);
  const r = await importSources({
    transferId: options.transferId,
    sources: options.sources,
    db: options.db,
    maxRecords: limits.maxRecordsPerImport,
    maxRecordsPerUpload: limits.maxRecordsPerUpload,
    maxRecordsPerTransfer: limits.maxRecordsPerTransfer,
    actor: auditActor(access.actor),
  });
  if (!r.ok) throw new AppError("NOT_FOUND", "no such transfer");
  return r;
}

export const ownerAnswersSchema = z.object({
  dnsHostingMoves: z.enum(["yes", "no"]),
  organisation: z.string().trim().min(1, "name the organisation").max(200),
  contacts: z.array(contactSchema).min(1, "give at least one contact").max(10),
  onCallConfirmed: z.boolean(),
  onCallBy: z.string().trim().max(200).optional(),
});

/**
 * The questions only the domain's owners can answer (DESIGN §1): does DNS
 * hosting move, and who are the owner's contacts / on call. Staff or the invited maintainer.
 */
export async function answerOwnerQuestions(actor: Actor | null, options: { transferId: string; input: unknown; db?: Db; now?: Date }): Promise<{ ok: true }> {
  const access = await requireTransferAccess(actor, options.transferId, "answer-questions", options.db);
  const p = ownerAnswersSchema.safeParse(options.input);
  if (!p.success) throw new AppError("INVALID", "invalid answers", { issues: p.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  const a = p.data;
  // Merged into what staff entered, never replacing it (lib/app/parties/merge-owner-answers.ts).
  const existing = (await listPartyRows(options.transferId, options.db)).find((r) => r.role === "domain-owner") ?? null;
  const saved = await saveParty({
    transferId: options.transferId,
    input: mergeOwnerAnswers(existing, a),
    now: options.now,
    db: options.db,
  });
  if (!saved.ok) throw saved.error === "not-found" ? new AppError("NOT_FOUND", "no such transfer") : new AppError("INVALID", "invalid answers", { issues: saved.issues });
  await setDnsHostingMoves(options.transferId, a.dnsHostingMoves === "yes", options.db);
  await recordAudit({ type: "owner.answered", transferId: options.transferId, at: (options.now ?? new Date()).toISOString(), actor: auditActor(access.actor), dnsHostingMoves: a.dnsHostingMoves === "yes", organisation: a.organisation }, options.db);
  return { ok: true };
}
