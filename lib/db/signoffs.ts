/** Sign-offs: one per link and revision digest (unique index), so concurrent submits land once. */
import type { Signoff } from "../checklist/signoff";
import type { PartyRole } from "../schedule/parties";
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export interface SignoffRow {
  linkId: string;
  signoff: Signoff;
}

/** "duplicate" when this link already signed this revision. */
export async function insertSignoff(linkId: string, s: Signoff, db: Db = getDb()): Promise<"inserted" | "duplicate"> {
  try {
    await db.signoff.create({
      data: {
        linkId,
        transferId: s.transferId,
        role: s.role,
        signerName: s.signerName,
        decision: s.decision,
        reason: s.decision === "reject" ? s.reason : null,
        signedAt: new Date(s.signedAt),
        revisionNumber: s.revisionNumber,
        revisionDigest: s.revisionDigest,
      },
    });
    return "inserted";
  } catch (e) {
    if (isUniqueViolation(e)) return "duplicate";
    throw e;
  }
}

/** Oldest first. */
export async function listSignoffs(transferId: string, db: Db = getDb()): Promise<SignoffRow[]> {
  const rows = await db.signoff.findMany({ where: { transferId }, orderBy: [{ signedAt: "asc" }, { id: "asc" }] });
  return rows.map((r) => {
    const base = { transferId: r.transferId, role: r.role as PartyRole, signerName: r.signerName, signedAt: r.signedAt.toISOString(), revisionNumber: r.revisionNumber, revisionDigest: r.revisionDigest };
    const signoff: Signoff = r.decision === "reject" ? { ...base, decision: "reject", reason: r.reason ?? "" } : { ...base, decision: "approve" };
    return { linkId: r.linkId, signoff };
  });
}
