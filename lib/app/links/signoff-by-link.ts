/**
 * The sign-off page's two operations, with access checked here and not in the page: resolve the token
 * (rate-limited; wrong, revoked, expired and missing are all NOT_FOUND), then show or sign the current revision.
 * The capability is the token itself, so these take no actor: the link they resolve is the actor.
 */
import { describeChanges, diffRevisions } from "../../checklist/diff-revisions";
import { checkFinality } from "../../checklist/finality";
import type { Revision } from "../../checklist/revision";
import { noGoStatement, openBlockers, signoffInputSchema, type Signoff } from "../../checklist/signoff";
import { createSignoff, NoGoUnconfirmedError } from "./create-signoff";
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
import { AppError } from "../../errors/app-error";
import { capabilityRateLimiter, type RateLimiter } from "../../security/rate-limits";
import { invalidInput, issuesOf, type Deps } from "../use-case";

/** The token and the client address (lib/security/client-address.ts) for the per-address limit. */
export interface LinkAccess {
  token: string;
  ip?: string;
}

type LinkDeps = Deps & { limiter?: RateLimiter };

export interface SignoffView {
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
  /** The statement approving this NO-GO revision takes (null for GO): shown beside the checkbox, stored with the sign-off. */
  noGoStatement: string | null;
}

async function resolve(a: LinkAccess, deps: LinkDeps): Promise<{ link: SignoffLink; db: Db; now: Date }> {
  const db = deps.db ?? getDb();
  const now = deps.now ?? new Date();
  const link = await resolveSignoffLink({
    token: a.token,
    store: signoffLinkStore(db),
    now,
    limiter: deps.limiter ?? capabilityRateLimiter(),
    ip: a.ip ?? "unknown",
  });
  return { link, db, now };
}

export async function getSignoffView(input: LinkAccess, deps: LinkDeps = {}): Promise<SignoffView> {
  const { link, db } = await resolve(input, deps);
  const head = await latestRevisionRow(link.transferId, db);
  if (head === null)
    return {
      role: link.role,
      linkExpiresAt: link.expiresAt,
      revision: null,
      digest: null,
      lastSeen: null,
      mine: null,
      openBlockers: [],
      noGoStatement: null,
    };
  const current = parseRevisionRow(head);
  const all = (await listSignoffs(link.transferId, db)).filter((s) => s.signoff.role === link.role);
  const mine =
    all.filter((s) => s.linkId === link.id && s.signoff.revisionDigest === current.digest).at(-1)?.signoff ?? null;
  const earlier = all.filter((s) => s.signoff.revisionDigest !== current.digest).at(-1);
  let lastSeen: SignoffView["lastSeen"] = null;
  if (earlier !== undefined) {
    const row = await getRevisionRowByDigest(earlier.signoff.revisionDigest, db);
    if (row !== null)
      lastSeen = {
        revisionNumber: row.number,
        changes: describeChanges(diffRevisions(parseRevisionRow(row).revision, current.revision)),
      };
  }
  const blockers = openBlockers(current.revision).map((f) => ({
    checkId: f.checkId,
    subject: f.subject,
    message: f.message,
  }));
  return {
    role: link.role,
    linkExpiresAt: link.expiresAt,
    revision: current.revision,
    digest: current.digest,
    lastSeen,
    mine,
    openBlockers: blockers,
    noGoStatement: current.revision.verdict.decision === "no-go" ? noGoStatement(blockers.length) : null,
  };
}

export interface SubmitLinkSignoffResult {
  signoff: Signoff;
  /** Every role approved the current revision: the checklist is final. */
  final: boolean;
}

/**
 * Why a sign-off is refused, in the CONFLICT's `reason` detail: `revision-changed` (a newer revision appeared after
 * the signer loaded the page: they must read it), `already-signed` (this link signed this revision),
 * `no-go-unconfirmed` (an approval of a NO-GO revision without ticking its statement; `openBlockers` says how many).
 */
export type SignoffRefusal = "revision-changed" | "already-signed" | "no-go-unconfirmed";

const refused = (reason: SignoffRefusal, message: string, details: Record<string, unknown> = {}) =>
  new AppError("CONFLICT", message, { reason, ...details });

export async function submitLinkSignoff(
  input: LinkAccess & { input: unknown; revisionDigest: string },
  deps: LinkDeps = {},
): Promise<SubmitLinkSignoffResult> {
  const { link, db, now } = await resolve(input, deps);
  const parsed = signoffInputSchema.safeParse(input.input);
  if (!parsed.success) throw invalidInput(issuesOf(parsed.error));
  const head = await latestRevisionRow(link.transferId, db);
  if (head === null) throw new AppError("NOT_FOUND", "there is no revision to sign");
  const current = parseRevisionRow(head);
  if (current.digest !== input.revisionDigest) throw refused("revision-changed", "a newer revision exists");
  let signoff: Signoff;
  try {
    signoff = createSignoff({ link, revision: current.revision, input: parsed.data, now });
  } catch (e) {
    if (e instanceof NoGoUnconfirmedError)
      throw refused("no-go-unconfirmed", e.message, { openBlockers: e.openBlockers });
    throw e;
  }
  const actor = { kind: "link" as const, linkId: link.id, role: link.role };
  const at = now.toISOString();
  // The sign-off and its two audit entries commit together (one audit attempt each: a taken seq rolls all back and the loop retries).
  const audit = (tx: Db) =>
    appendAuditEvent(
      auditStore(tx),
      { type: "link.used", transferId: link.transferId, at, actor, linkId: link.id, role: link.role },
      1,
    ).then(() =>
      appendAuditEvent(
        auditStore(tx),
        {
          type: "signoff.recorded",
          transferId: link.transferId,
          at,
          actor,
          role: link.role,
          signerName: signoff.signerName,
          signerNameIs: "self-declared",
          decision: signoff.decision,
          ...(signoff.decision === "reject" ? { reason: signoff.reason } : {}),
          ...(signoff.decision === "approve" && signoff.noGo
            ? { noGoConfirmed: { openBlockers: signoff.noGo.openBlockers, statement: signoff.noGo.statement } }
            : {}),
          revisionNumber: signoff.revisionNumber,
          revisionDigest: signoff.revisionDigest,
        },
        1,
      ),
    );
  let stored: "inserted" | "duplicate" | "retry" = "retry";
  for (let attempt = 0; attempt < 50 && stored === "retry"; attempt++)
    stored = await insertSignoff(link.id, signoff, db, audit);
  if (stored === "duplicate") throw refused("already-signed", "this link already signed this revision");
  if (stored === "retry") throw new Error("could not append the sign-off's audit entries after 50 attempts");
  // Read after our commit: of concurrent last approvals at least one sees them all; recordAuditOnce keeps it to one entry.
  const signoffs = (await listSignoffs(link.transferId, db)).map((s) => s.signoff);
  const final = checkFinality({ revision: current.revision, signoffs }).final;
  if (final && signoff.decision === "approve") {
    await recordAuditOnce(
      {
        type: "checklist.finalised",
        transferId: link.transferId,
        at,
        actor: { kind: "system" },
        revisionNumber: current.revision.revisionNumber,
        revisionDigest: current.digest,
      },
      (e) => e.type === "checklist.finalised" && e.revisionDigest === current.digest,
      db,
    );
  }
  return { signoff, final };
}

/** The sentence a signer ticks to approve a NO-GO revision, shown by the sign page and stored with the sign-off. */
export { noGoStatement } from "../../checklist/signoff";
