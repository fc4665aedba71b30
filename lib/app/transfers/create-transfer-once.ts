/**
 * "Create transfer", warned about duplicates: an open transfer for the same
 * domain in the organisation (names compared as the stored A-label — lowercase,
 * no trailing dot, so `PROJECT.TEST.` is `project.test`, RFC 4343) is returned
 * instead of a second one (CONFLICT, reason "duplicate", with the open `duplicates`), unless the user confirmed
 * they want a second.
 * A transfer is open until its checklist is final (lib/checklist/finality.ts).
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { checkFinality } from "../../checklist/finality";
import { getDb, type Db } from "../../db/client";
import { latestRevisionRow } from "../../db/checklist-revisions";
import { listSignoffs } from "../../db/signoffs";
import type { TransferRow } from "../../db/rows";
import { AppError } from "../../errors/app-error";
import { parseInput, type Deps } from "../use-case";
import { createTransfer } from "./create-transfer";
import { parseRevisionRow } from "../checklist/parse-revision";
import { normalizeDomain } from "../../zone/domain";

export const createTransferOnceSchema = z.object({
  /** The form's fields as transferInputSchema reads them (validated there). */
  transfer: z.record(z.string(), z.unknown()),
  /** "yes" once the user saw the warning and wants a second transfer for the domain. */
  confirmDuplicate: z.enum(["yes"]).optional(),
});

export interface OpenTransfer {
  id: string;
  domain: string;
  createdAt: string;
}

export async function createTransferOnce(actor: Actor | null, input: unknown, deps: Deps = {}): Promise<TransferRow> {
  const db = deps.db ?? getDb();
  const staff = requireStaffActor(actor);
  const parsed = parseInput(createTransferOnceSchema, input);
  if (parsed.confirmDuplicate !== "yes") {
    const domain = typeof parsed.transfer.domain === "string" ? normalizeDomain(parsed.transfer.domain.trim()) : null;
    if (domain) {
      const duplicates = await openTransfersFor(staff.organisationId, domain.ascii, db);
      if (duplicates.length > 0)
        throw new AppError("CONFLICT", "an open transfer for this domain exists", { reason: "duplicate", duplicates });
    }
  }
  return createTransfer(staff, parsed.transfer, { db });
}

async function openTransfersFor(organisationId: string, domainAscii: string, db: Db): Promise<OpenTransfer[]> {
  const rows = await db.transfer.findMany({
    where: { organisationId, domainAscii },
    orderBy: { createdAt: "desc" },
    select: { id: true, domainUnicode: true, createdAt: true },
  });
  const open: OpenTransfer[] = [];
  for (const t of rows) {
    const head = await latestRevisionRow(t.id, db);
    if (head !== null) {
      const revision = parseRevisionRow(head).revision;
      const signoffs = (await listSignoffs(t.id, db)).map((s) => s.signoff);
      if (checkFinality({ revision, signoffs }).final) continue;
    }
    open.push({ id: t.id, domain: t.domainUnicode, createdAt: t.createdAt.toISOString() });
  }
  return open;
}
