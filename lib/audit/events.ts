/**
 * Audit events as a typed union, one zod schema per event type (documenso
 * `types/document-audit-logs.ts`). Capability tokens never appear: link
 * events carry the link's public id.
 */
import { z } from "zod";
import { partyRoleSchema } from "../schedule/parties";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * Who did it: the signed-in staff member (id and e-mail; entries
 * from before accounts carry no e-mail), a maintainer's invite (its public id
 * and label, never the token), a sign-off link (id and role), or the system.
 */
export const auditActorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("staff"), userId: z.string().min(1), name: z.string(), email: z.string().optional() }),
  z.object({ kind: z.literal("invite"), inviteId: z.string().min(1), label: z.string() }),
  z.object({ kind: z.literal("link"), linkId: z.string().min(1), role: partyRoleSchema }),
  z.object({ kind: z.literal("system") }),
  /** An organisation API token (its public id and name, never the token) and the staff member who created it. */
  z.object({
    kind: z.literal("api-token"),
    tokenId: z.string().min(1),
    tokenName: z.string(),
    userId: z.string().min(1),
    email: z.string(),
  }),
]);
export type AuditActor = z.infer<typeof auditActorSchema>;
const actor = auditActorSchema;

/**
 * A waiver or acknowledgement as it stood, carried by the
 * entries that revoke or replace it so the history survives: who (the account
 * as it was then; `userId` absent on decisions from before accounts were
 * bound, whose `by` was typed), the typed on-behalf-of, why and when.
 */
export const auditDecisionSchema = z.object({
  status: z.enum(["waived", "acknowledged"]),
  by: z.string(),
  userId: z.string().optional(),
  email: z.string().optional(),
  onBehalfOf: z.string().optional(),
  reason: z.string(),
  at: z.iso.datetime(),
});
export type AuditDecision = z.infer<typeof auditDecisionSchema>;
/** The decision's binding: the actor (a staff account) is the decider; these say what it was given for. */
const decision = {
  findingId: z.string(),
  checkId: z.string().optional(),
  runId: z.string().optional(),
  fingerprint: z.string().optional(),
  onBehalfOf: z.string().optional(),
};
const common = { transferId: z.string().min(1), at: z.iso.datetime(), actor };

export const auditEventSchema = z.discriminatedUnion("type", [
  z.object({
    ...common,
    type: z.literal("source.imported"),
    sourceId: z.string(),
    fileName: z.string(),
    sha256: hex64,
  }),
  z.object({
    ...common,
    type: z.literal("run.completed"),
    runId: z.string(),
    snapshotDigest: hex64.nullable(),
    findings: z.number().int().min(0),
  }),
  z.object({ ...common, ...decision, type: z.literal("finding.waived"), reason: z.string().min(1) }),
  z.object({ ...common, ...decision, type: z.literal("finding.acknowledged"), note: z.string().optional() }),
  /** A waiver/acknowledgement undone: the finding is open again. */
  z.object({
    ...common,
    type: z.literal("finding.revoked"),
    findingId: z.string(),
    runId: z.string().optional(),
    previous: auditDecisionSchema,
    reason: z.string().optional(),
  }),
  /** A decision replaced by another person's or another reason: the next entry is the new decision. */
  z.object({
    ...common,
    type: z.literal("finding.overwritten"),
    findingId: z.string(),
    runId: z.string().optional(),
    previous: auditDecisionSchema,
  }),
  z.object({
    ...common,
    type: z.literal("revision.created"),
    revisionNumber: z.number().int().min(1),
    revisionDigest: hex64,
  }),
  z.object({
    ...common,
    type: z.literal("link.created"),
    linkId: z.string(),
    role: partyRoleSchema,
    expiresAt: z.iso.datetime(),
  }),
  z.object({ ...common, type: z.literal("link.revoked"), linkId: z.string(), role: partyRoleSchema }),
  z.object({ ...common, type: z.literal("link.used"), linkId: z.string(), role: partyRoleSchema }),
  z.object({
    ...common,
    type: z.literal("signoff.recorded"),
    role: partyRoleSchema,
    /** Typed by whoever held the link: the actor (link id and role) is what is proven. */
    signerName: z.string(),
    signerNameIs: z.literal("self-declared").optional(),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().optional(),
    /** An approval of a NO-GO revision: the statement the signer ticked (lib/checklist/signoff.ts). */
    noGoConfirmed: z.object({ openBlockers: z.number().int().min(0), statement: z.string() }).optional(),
    revisionNumber: z.number().int().min(1),
    revisionDigest: hex64,
  }),
  z.object({
    ...common,
    type: z.literal("invite.created"),
    inviteId: z.string(),
    label: z.string(),
    expiresAt: z.iso.datetime(),
  }),
  z.object({ ...common, type: z.literal("invite.revoked"), inviteId: z.string() }),
  z.object({ ...common, type: z.literal("owner.answered"), dnsHostingMoves: z.boolean(), organisation: z.string() }),
  /** Facts of a transfer changed from its portfolio (the shared facts, edited once for all members): each field from → to. */
  z.object({
    ...common,
    type: z.literal("transfer.facts-changed"),
    portfolioId: z.string(),
    changes: z.record(
      z.string(),
      z.object({ from: z.union([z.string(), z.boolean()]), to: z.union([z.string(), z.boolean()]) }),
    ),
  }),
  z.object({ ...common, type: z.literal("window.scheduled"), start: z.iso.datetime(), end: z.iso.datetime() }),
  /** A transfer fact edited: each changed field with its old and new value. */
  z.object({
    ...common,
    type: z.literal("transfer.updated"),
    changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })).min(1),
  }),
  z.object({ ...common, type: z.literal("transfer.archived") }),
  z.object({ ...common, type: z.literal("transfer.unarchived") }),
  /** A source taken out (its row, records and report are kept); `replacedBy` when a new import replaces it. */
  z.object({
    ...common,
    type: z.literal("source.removed"),
    sourceId: z.string(),
    label: z.string(),
    reason: z.string(),
    replacedBy: z.string().optional(),
  }),
  z.object({
    ...common,
    type: z.literal("checklist.finalised"),
    revisionNumber: z.number().int().min(1),
    revisionDigest: hex64,
  }),
  /** Organisation-wide events are chained under the log id `organisationLogId(id)` instead of a transfer id. */
  z.object({
    ...common,
    type: z.literal("api-token.created"),
    tokenId: z.string(),
    name: z.string(),
    scope: z.enum(["read", "write"]),
  }),
  z.object({ ...common, type: z.literal("api-token.revoked"), tokenId: z.string(), name: z.string() }),
  /** Where the organisation's events are sent (never the signing secret). */
  z.object({ ...common, type: z.literal("webhook.created"), webhookId: z.string(), url: z.string() }),
  z.object({ ...common, type: z.literal("webhook.deleted"), webhookId: z.string(), url: z.string() }),
]);

/** The audit chain of an organisation's own events (API tokens): a log id no transfer id (a cuid) can take. */
export function organisationLogId(organisationId: string): string {
  return `organisation:${organisationId}`;
}
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEvent["type"];
