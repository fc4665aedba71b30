/**
 * A sign-off binds signer, role, decision, time and the digest of the
 * revision that was shown (DESIGN §8). A newer revision makes it stale.
 */
import { z } from "zod";
import { partyRoleSchema, type PartyRole } from "../schedule/parties";
import { personNameSchema } from "./typed-text";
import { hex64, type Revision } from "./revision";

const base = {
  transferId: z.string().min(1),
  role: partyRoleSchema,
  /** Typed by whoever held the link: what is proven is the link (`linkId`) and its role. */
  signerName: z.string().trim().min(1).max(200),
  signedAt: z.iso.datetime(),
  revisionNumber: z.number().int().min(1),
  revisionDigest: hex64,
  /** The sign-off link used; absent in bundles made before it was recorded. */
  linkId: z.string().min(1).optional(),
  /** How signerName is known; absent in older bundles (where it was self-declared all the same). */
  signerNameIs: z.literal("self-declared").optional(),
};

/** What the signer may type as their name: no control characters (typed-text.ts). */
const typedSignerName = personNameSchema;

/**
 * An approval of a NO-GO revision is given knowingly: the signer ticked a
 * statement naming the verdict and the number of open blockers, and it travels
 * with the sign-off (page, bundle, audit log). Absent on GO approvals.
 */
export const noGoConfirmationSchema = z.object({
  confirmed: z.literal(true),
  openBlockers: z.number().int().min(0),
  statement: z.string().min(1).max(500),
});
export type NoGoConfirmation = z.infer<typeof noGoConfirmationSchema>;

export const signoffSchema = z.discriminatedUnion("decision", [
  z.object({ ...base, decision: z.literal("approve"), noGo: noGoConfirmationSchema.optional() }),
  // A rejection without a reason helps nobody fix anything.
  z.object({ ...base, decision: z.literal("reject"), reason: z.string().trim().min(1).max(4000) }),
]);
export type Signoff = z.infer<typeof signoffSchema>;

/** What the signer submits on the sign-off page (role and transfer come from the token, never from the form). */
export const signoffInputSchema = z.discriminatedUnion("decision", [
  z.object({ signerName: typedSignerName, decision: z.literal("approve"), confirmNoGo: z.boolean().optional() }),
  z.object({ signerName: typedSignerName, decision: z.literal("reject"), reason: z.string().trim().min(1).max(4000) }),
]);
export type SignoffInput = z.infer<typeof signoffInputSchema>;

/** Sign-offs given on another revision than the current one. */
export function staleSignoffs(currentDigest: string, signoffs: readonly Signoff[]): Signoff[] {
  return signoffs.filter((s) => s.revisionDigest !== currentDigest);
}

/** The latest sign-off per role on the current revision (later signedAt wins; a role may change its mind). */
export function currentDecisions(currentDigest: string, signoffs: readonly Signoff[]): Map<PartyRole, Signoff> {
  const latest = new Map<PartyRole, Signoff>();
  for (const s of signoffs) {
    if (s.revisionDigest !== currentDigest) continue;
    const prev = latest.get(s.role);
    if (prev === undefined || s.signedAt >= prev.signedAt) latest.set(s.role, s);
  }
  return latest;
}

/** Roles that signed an older revision but not the current one: the owner must ask them again. */
export function rolesToSignAgain(currentDigest: string, signoffs: readonly Signoff[]): PartyRole[] {
  const current = currentDecisions(currentDigest, signoffs);
  return [...new Set(staleSignoffs(currentDigest, signoffs).map((s) => s.role))].filter((r) => !current.has(r));
}

/** Open blockers of a revision: what a NO-GO approval must acknowledge. */
export function openBlockers(revision: Revision): Revision["findings"] {
  return revision.findings.filter((f) => f.severity === "blocker" && f.state.status === "open");
}

/** The statement a signer confirms to approve a NO-GO revision (shown on the sign page, stored with the sign-off). */
export function noGoStatement(openBlockerCount: number): string {
  return `I approve although the verdict is NO-GO with ${openBlockerCount} open blocker${openBlockerCount === 1 ? "" : "s"}.`;
}
