/**
 * The sign-off page's two operations, with access checked here and not in
 * the page: resolve the token (rate-limited; wrong, revoked, expired and
 * missing all come back as "not-found"), then show or sign the current revision.
 */
import { describeChanges, diffRevisions } from "../../checklist/diff-revisions";
import { checkFinality } from "../../checklist/finality";
import type { RateLimiter } from "../../checklist/rate-limiter";
import type { Revision } from "../../checklist/revision";
import { openBlockers, signoffInputSchema, type Signoff } from "../../checklist/signoff";
import { createSignoff, NoGoUnconfirmedError } from "./submit-signoff";
import { resolveSignoffLink, type SignoffLink } from "./signoff-token";
import { getDb, type Db } from "../../db/client";
import { getRevisionRowByDigest, latestRevisionRow } from "../../db/checklist-revisions";
import { signoffLinkStore } from "../../db/signoff-links";
import { insertSignoff, listSignoffs } from "../../db/signoffs";
import type { PartyRole } from "../../schedule/parties";
import { appendAuditEvent } from "../../audit/chain";
import { auditStore } from "../../db/audit-entries";
import { recordAuditOnce } from "../../audit/record-audit";
import { parseRevisionRow } from "../checklist/parse-revision";
import { linkRateLimiter } from "./rate-limit";

interface Access {
  token: string;
  ip?: string;
  now?: Date;
  db?: Db;
  limiter?: RateLimiter;
}

export type LinkDenied = { ok: false; error: "not-found" } | { ok: false; error: "rate-limited"; retryAfterSeconds: number };

export interface SignoffView {
  ok: true;
  role: PartyRole;
  linkExpiresAt: string;
  /** null: nothing to sign yet. */
  revision: Revision | null;
  digest: string | null;
  /** The revision this role last signed (another one), and what changed since. */
  lastSeen: { revisionNumber: number; changes: string[] } | null;
  /** This link's decision on the current revision, if given. */
  mine: Signoff | null;
  /** The current revision's open blockers, which the page lists under the verdict (empty for GO). */
  openBlockers: { checkId: string; subject: string; message: string }[];
}

async function resolve(a: Access): Promise<{ ok: true; link: SignoffLink; db: Db; now: Date } | LinkDenied> {
  const db = a.db ?? getDb();
  const now = a.now ?? new Date();
  const r = await resolveSignoffLink({ token: a.token, store: signoffLinkStore(db), now, limiter: a.limiter ?? linkRateLimiter(), ip: a.ip ?? "unknown" });
  return r.ok ? { ok: true, link: r.link, db, now } : r;
}

export async function getSignoffView(a: Access): Promise<SignoffView | LinkDenied> {
  const r = await resolve(a);
  if (!r.ok) return r;
  const { link, db } = r;
  const head = await latestRevisionRow(link.transferId, db);
  if (head === null) return { ok: true, role: link.role, linkExpiresAt: link.expiresAt, revision: null, digest: null, lastSeen: null, mine: null, openBlockers: [] };
  const current = parseRevisionRow(head);
  const all = (await listSignoffs(link.transferId, db)).filter((s) => s.signoff.role === link.role);
  const mine = all.filter((s) => s.linkId === link.id && s.signoff.revisionDigest === current.digest).at(-1)?.signoff ?? null;
  const earlier = all.filter((s) => s.signoff.revisionDigest !== current.digest).at(-1);
  let lastSeen: SignoffView["lastSeen"] = null;
  if (earlier !== undefined) {
    const row = await getRevisionRowByDigest(earlier.signoff.revisionDigest, db);
    if (row !== null) lastSeen = { revisionNumber: row.number, changes: describeChanges(diffRevisions(parseRevisionRow(row).revision, current.revision)) };
  }
  const blockers = openBlockers(current.revision).map((f) => ({ checkId: f.checkId, subject: f.subject, message: f.message }));
  return { ok: true, role: link.role, linkExpiresAt: link.expiresAt, revision: current.revision, digest: current.digest, lastSeen, mine, openBlockers: blockers };
}

export type SubmitLinkSignoffResult =
  | { ok: true; signoff: Signoff; final: boolean }
  | LinkDenied
  | { ok: false; error: "invalid"; issues: { path: string; message: string }[] }
  /** The revision changed after the signer loaded the page: they must read the new one. */
  | { ok: false; error: "revision-changed" }
  /** This link already signed this revision. */
  | { ok: false; error: "already-signed" }
  /** An approval of a NO-GO revision without ticking the statement that says so. */
  | { ok: false; error: "no-go-unconfirmed"; openBlockers: number };

export async function submitLinkSignoff(a: Access & { input: unknown; revisionDigest: string }): Promise<SubmitLinkSignoffResult> {
  const r = await resolve(a);
  if (!r.ok) return r;
  const { link, db, now } = r;
  const parsed = signoffInputSchema.safeParse(a.input);
  if (!parsed.success) return { ok: false, error: "invalid", issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  const head = await latestRevisionRow(link.transferId, db);
  if (head === null) return { ok: false, error: "not-found" };
  const current = parseRevisionRow(head);
  if (current.digest !== a.revisionDigest) return { ok: false, error: "revision-changed" };
  let signoff: Signoff;
  try {
    signoff = createSignoff({ link, revision: current.revision, input: parsed.data, now });
  } catch (e) {
    if (e instanceof NoGoUnconfirmedError) return { ok: false, error: "no-go-unconfirmed", openBlockers: e.openBlockers };
    throw e;
  }
  const actor = { kind: "link" as const, linkId: link.id, role: link.role };
  const at = now.toISOString();
  // The sign-off and its two audit entries commit together (one audit attempt each: a taken seq rolls all back and the loop retries).
  const audit = (tx: Db) =>
    appendAuditEvent(auditStore(tx), { type: "link.used", transferId: link.transferId, at, actor, linkId: link.id, role: link.role }, 1).then(() =>
      appendAuditEvent(
        auditStore(tx),
        {
          type: "signoff.recorded", transferId: link.transferId, at, actor, role: link.role, signerName: signoff.signerName, signerNameIs: "self-declared", decision: signoff.decision,
          ...(signoff.decision === "reject" ? { reason: signoff.reason } : {}),
          ...(signoff.decision === "approve" && signoff.noGo ? { noGoConfirmed: { openBlockers: signoff.noGo.openBlockers, statement: signoff.noGo.statement } } : {}), revisionNumber: signoff.revisionNumber, revisionDigest: signoff.revisionDigest,
        },
        1,
      ),
    );
  let stored: "inserted" | "duplicate" | "retry" = "retry";
  for (let attempt = 0; attempt < 50 && stored === "retry"; attempt++) stored = await insertSignoff(link.id, signoff, db, audit);
  if (stored === "duplicate") return { ok: false, error: "already-signed" };
  if (stored === "retry") throw new Error("could not append the sign-off's audit entries after 50 attempts");
  // Read after our commit: of concurrent last approvals at least one sees them all; recordAuditOnce keeps it to one entry.
  const signoffs = (await listSignoffs(link.transferId, db)).map((s) => s.signoff);
  const final = checkFinality({ revision: current.revision, signoffs }).final;
  if (final && signoff.decision === "approve") {
    await recordAuditOnce(
      { type: "checklist.finalised", transferId: link.transferId, at, actor: { kind: "system" }, revisionNumber: current.revision.revisionNumber, revisionDigest: current.digest },
      (e) => e.type === "checklist.finalised" && e.revisionDigest === current.digest,
      db,
    );
  }
  return { ok: true, signoff, final };
}

/** The sentence a signer ticks to approve a NO-GO revision, shown by the sign page and stored with the sign-off. */
export { noGoStatement } from "../../checklist/signoff";
