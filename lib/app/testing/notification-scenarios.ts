/**
 * What the e-mail and webhook tests both do (test support): a receiver on loopback, a re-run that turns GO into
 * NO-GO as the audit log records it, and a sign-off that a new revision makes stale.
 */
import type { AddressInfo } from "node:net";
import { recordAudit, SYSTEM_ACTOR } from "../../audit/record-audit";
import type { Db } from "../../db/client";
import { createChecklistRevision } from "../checklist/create-checklist-revision";
import { issueLink } from "../links/links";
import { submitLinkSignoff } from "../links/signoff-by-link";
import { acknowledgeWarning, seedRun } from "./seed";
import { staffOfTransfer } from "./staff";

/** Anything that listens like net.Server (an http.Server, or an SMTPServer's `listen`/`server`). */
interface Listener {
  listen(port: number, host: string, done: () => void): unknown;
}

/** Listens on 127.0.0.1 at a free port and resolves to that port. */
export async function listenOnLoopback(server: Listener, address: () => AddressInfo | string | null): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return (address() as AddressInfo).port;
}

/** A run stored as finished, and its `run.completed` audit entry (what notifications listen to). */
export async function recordCompletedRun(o: {
  transferId: string;
  withBlocker: boolean;
  at: Date;
  db: Db;
}): Promise<string> {
  const runId = await seedRun(o);
  await recordAudit(
    {
      type: "run.completed",
      transferId: o.transferId,
      at: new Date().toISOString(),
      actor: SYSTEM_ACTOR,
      runId,
      snapshotDigest: null,
      findings: o.withBlocker ? 3 : 2,
    },
    o.db,
  );
  return runId;
}

/** A GO run a minute ago, then a NO-GO run now: the verdict changed. */
export async function turnVerdictNoGo(o: { transferId: string; db: Db }): Promise<{ go: string; nogo: string }> {
  const go = await recordCompletedRun({ ...o, withBlocker: false, at: new Date(Date.now() - 60_000) });
  const nogo = await recordCompletedRun({ ...o, withBlocker: true, at: new Date() });
  return { go, nogo };
}

/**
 * `role` rejects revision 1 through a link; a warning acknowledged afterwards makes revision 2 a new one, so the
 * sign-off is stale. Returns both revisions' numbers.
 */
export async function makeSignoffStale(o: {
  transferId: string;
  role: string;
  signerName: string;
  db: Db;
  /** Called once the sign-off is stored, before the new revision. */
  onSigned?: () => void;
}): Promise<{ first: number; second: number }> {
  const staff = await staffOfTransfer(o.transferId, o.db);
  const r1 = await createChecklistRevision(staff, { transferId: o.transferId }, { db: o.db });
  const link = await issueLink(staff, { transferId: o.transferId, role: o.role }, { db: o.db });
  const signed = await submitLinkSignoff(
    {
      token: link.token,
      revisionDigest: r1.digest,
      input: { signerName: o.signerName, decision: "reject", reason: "release NS missing" },
    },
    { db: o.db },
  );
  if (signed.final) throw new Error("a reject sign-off is never final");
  o.onSigned?.();
  await acknowledgeWarning({ transferId: o.transferId, by: "Ann", at: new Date(), db: o.db });
  const r2 = await createChecklistRevision(staff, { transferId: o.transferId }, { db: o.db });
  return { first: r1.revision.revisionNumber, second: r2.revision.revisionNumber };
}
