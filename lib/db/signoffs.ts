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

/**
 * "duplicate" when this link already signed this revision. `alsoWrite` (the
 * sign-off's audit entries) runs in the same transaction, so a process killed
 * between the two leaves neither; "retry" when that write lost a
 * race for the audit sequence (or the database broke a lock cycle): nothing
 * was stored and the caller tries again on the new head.
 */
export async function insertSignoff(
  linkId: string,
  s: Signoff,
  db: Db = getDb(),
  alsoWrite?: (tx: Db) => Promise<unknown>,
): Promise<"inserted" | "duplicate" | "retry"> {
  const data = {
    linkId,
    transferId: s.transferId,
    role: s.role,
    signerName: s.signerName,
    signerNameIs: "self-declared",
    decision: s.decision,
    reason: s.decision === "reject" ? s.reason : null,
    signedAt: new Date(s.signedAt),
    revisionNumber: s.revisionNumber,
    revisionDigest: s.revisionDigest,
  };
  try {
    // On PostgreSQL a second insert of the same (link, digest) waits for the first transaction and then fails unique.
    await db.$transaction(async (tx) => {
      await tx.signoff.create({ data });
      if (s.decision === "approve" && s.noGo) {
        await tx.signoffNoGoConfirmation.create({
          data: {
            linkId,
            revisionDigest: s.revisionDigest,
            transferId: s.transferId,
            openBlockers: s.noGo.openBlockers,
            statement: s.noGo.statement,
          },
        });
      }
      // The transaction client has the model API of Db (lib/db/client.ts).
      if (alsoWrite) await alsoWrite(tx as unknown as Db);
    });
    return "inserted";
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === "seq-taken" || code === "P2034") return "retry";
    // A unique conflict on the sign-off itself is final; one on the audit seq surfaces as seq-taken above.
    if (isUniqueViolation(e)) return "duplicate";
    throw e;
  }
}

/** Oldest first. */
export async function listSignoffs(transferId: string, db: Db = getDb()): Promise<SignoffRow[]> {
  const [rows, noGo] = await Promise.all([
    db.signoff.findMany({ where: { transferId }, orderBy: [{ signedAt: "asc" }, { id: "asc" }] }),
    db.signoffNoGoConfirmation.findMany({ where: { transferId } }),
  ]);
  const confirmation = new Map(
    noGo.map((c) => [
      `${c.linkId} ${c.revisionDigest}`,
      { confirmed: true as const, openBlockers: c.openBlockers, statement: c.statement },
    ]),
  );
  return rows.map((r) => {
    const base = {
      transferId: r.transferId,
      role: r.role as PartyRole,
      signerName: r.signerName,
      signedAt: r.signedAt.toISOString(),
      revisionNumber: r.revisionNumber,
      revisionDigest: r.revisionDigest,
      linkId: r.linkId,
      signerNameIs: "self-declared" as const,
    };
    const c = confirmation.get(`${r.linkId} ${r.revisionDigest}`);
    const signoff: Signoff =
      r.decision === "reject"
        ? { ...base, decision: "reject", reason: r.reason ?? "" }
        : { ...base, decision: "approve", ...(c ? { noGo: c } : {}) };
    return { linkId: r.linkId, signoff };
  });
}
