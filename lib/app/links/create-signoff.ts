/**
 * One sign-off record: the signer's decision bound to the digest of the revision that is current now. Role and
 * transfer come from the link, never the form. Stored through a link by signoff-by-link.ts.
 */
import { revisionDigest, type Revision } from "../../checklist/revision";
import {
  noGoStatement,
  openBlockers,
  signoffInputSchema,
  signoffSchema,
  type NoGoConfirmation,
  type Signoff,
} from "../../checklist/signoff";
import type { SignoffLink } from "./signoff-token";

/** An approval of a NO-GO revision without the signer's explicit confirmation. */
export class NoGoUnconfirmedError extends Error {
  constructor(readonly openBlockers: number) {
    super(`approving a NO-GO revision (${openBlockers} open blockers) needs an explicit confirmation`);
  }
}

/** Pure: the sign-off record for `link` on `revision`. Throws NoGoUnconfirmedError for an unconfirmed NO-GO approval. */
export function createSignoff(options: { link: SignoffLink; revision: Revision; input: unknown; now: Date }): Signoff {
  const parsed = signoffInputSchema.parse(options.input);
  const { confirmNoGo, ...input } = { confirmNoGo: undefined, ...parsed };
  let noGo: NoGoConfirmation | undefined;
  if (input.decision === "approve" && options.revision.verdict.decision === "no-go") {
    const open = openBlockers(options.revision).length;
    if (confirmNoGo !== true) throw new NoGoUnconfirmedError(open);
    noGo = { confirmed: true, openBlockers: open, statement: noGoStatement(open) };
  }
  return signoffSchema.parse({
    ...input,
    ...(noGo ? { noGo } : {}),
    transferId: options.link.transferId,
    role: options.link.role,
    linkId: options.link.id,
    signerNameIs: "self-declared",
    signedAt: options.now.toISOString(),
    revisionNumber: options.revision.revisionNumber,
    revisionDigest: revisionDigest(options.revision),
  });
}
