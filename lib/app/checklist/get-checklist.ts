/** Everything the checklist page shows, in one call (pages do not chain queries). */
import { canonicalJson } from "../../checklist/canonical-json";
import { describeChanges, diffRevisions } from "../../checklist/diff-revisions";
import { checkFinality, type FinalityResult } from "../../checklist/finality";
import type { Revision } from "../../checklist/revision";
import { rolesToSignAgain, type Signoff } from "../../checklist/signoff";
import type { SignoffLink } from "../links/signoff-token";
import { getDb, type Db } from "../../db/client";
import { listRevisionRows } from "../../db/checklist-revisions";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Deps } from "../use-case";
import { listSources } from "../../db/list-sources";
import type { TransferRow } from "../../db/rows";
import { listSignoffLinks } from "../../db/signoff-links";
import { listSignoffs } from "../../db/signoffs";
import type { PartyRole } from "../../schedule/parties";
import { buildRevisionContent } from "./build-revision-content";
import { parseRevisionRow, type StoredRevision } from "./parse-revision";
import { loadReviewInput } from "./latest-run-evidence";
import { loadScheduleState } from "../schedule/schedule-state";
import { serverSigningKey } from "./signing";

export interface RevisionSummary extends StoredRevision {
  /** What changed from the revision before (empty for the first). */
  changes: string[];
}

export interface ChecklistPageData {
  transfer: TransferRow;
  /** Oldest first. */
  revisions: RevisionSummary[];
  current: RevisionSummary | null;
  /** The state now differs from the current revision (a new run, waiver, schedule edit…): a new revision is due. */
  outdated: boolean;
  /**
   * Newest first. pending: valid and not yet used on the current revision; used: its holder decided on the
   * current revision (`usedBy`); a new revision makes a used link pending again.
   */
  links: (Omit<SignoffLink, "tokenHash"> & {
    status: "pending" | "used" | "expired" | "revoked";
    usedBy: string | null;
  })[];
  signoffs: (Signoff & { stale: boolean })[];
  rolesToSignAgain: PartyRole[];
  finality: FinalityResult | null;
  activeKeyId: string;
  hasRun: boolean;
}

const contentOf = ({ transferId: _a, revisionNumber: _b, createdAt: _c, previousDigest: _d, ...content }: Revision) =>
  content;

/** Staff of the owning organisation. */
export async function getChecklistPage(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<ChecklistPageData> {
  const db: Db = deps.db ?? getDb();
  const now = deps.now ?? new Date();
  const { transferId } = input;
  const { transfer } = await requireStaff(actor, transferId, db);
  const [rows, links, signoffRows, sources, review, schedule] = await Promise.all([
    listRevisionRows(transferId, db),
    listSignoffLinks(transferId, db),
    listSignoffs(transferId, db),
    listSources(transferId, db),
    loadReviewInput(transferId, db),
    loadScheduleState(transferId, db),
  ]);
  const stored = rows.map(parseRevisionRow);
  const revisions = stored.map((r, i) => ({
    ...r,
    changes: i === 0 ? [] : describeChanges(diffRevisions(stored[i - 1].revision, r.revision)),
  }));
  const current = revisions.at(-1) ?? null;
  const signoffs = signoffRows.map((s) => s.signoff);
  let outdated = current === null;
  if (current !== null) {
    const draft = buildRevisionContent({
      transfer,
      sources,
      review,
      previous: current.revision,
      window: schedule.window,
      parties: schedule.parties,
    });
    outdated = canonicalJson(draft) !== canonicalJson(contentOf(current.revision));
  }
  return {
    transfer,
    revisions,
    current,
    outdated,
    links: links.map((l) => {
      const used =
        current === null
          ? undefined
          : signoffs.filter((x) => x.linkId === l.id && x.revisionDigest === current.digest).at(-1);
      const status =
        l.revokedAt !== null
          ? "revoked"
          : used
            ? "used"
            : Date.parse(l.expiresAt) <= now.getTime()
              ? "expired"
              : "pending";
      return {
        ...l,
        status,
        usedBy: used
          ? `${used.signerName} (self-declared) ${used.decision === "approve" ? "approved" : "rejected"} revision ${used.revisionNumber}`
          : null,
      };
    }),
    signoffs: signoffs.map((s) => ({ ...s, stale: current === null || s.revisionDigest !== current.digest })),
    rolesToSignAgain: current === null ? [] : rolesToSignAgain(current.digest, signoffs),
    finality: current === null ? null : checkFinality({ revision: current.revision, signoffs }),
    activeKeyId: serverSigningKey().keyId,
    hasRun: review !== null,
  };
}
