/**
 * Audit events as a typed union, one zod schema per event type (documenso
 * `types/document-audit-logs.ts`). Capability tokens never appear: link
 * events carry the link's public id.
 */
import { z } from "zod";
import { partyRoleSchema } from "../schedule/parties";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * Who did it (issue 6 §1): the signed-in staff member (id and e-mail; entries
 * from before accounts carry no e-mail), a maintainer's invite (its public id
 * and label, never the token), a sign-off link (id and role), or the system.
 */
export const auditActorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("staff"), userId: z.string().min(1), name: z.string(), email: z.string().optional() }),
  z.object({ kind: z.literal("invite"), inviteId: z.string().min(1), label: z.string() }),
  z.object({ kind: z.literal("link"), linkId: z.string().min(1), role: partyRoleSchema }),
  z.object({ kind: z.literal("system") }),
]);
export type AuditActor = z.infer<typeof auditActorSchema>;
const actor = auditActorSchema;
const common = { transferId: z.string().min(1), at: z.iso.datetime(), actor };

export const auditEventSchema = z.discriminatedUnion("type", [
  z.object({ ...common, type: z.literal("source.imported"), sourceId: z.string(), fileName: z.string(), sha256: hex64 }),
  z.object({ ...common, type: z.literal("run.completed"), runId: z.string(), snapshotDigest: hex64.nullable(), findings: z.number().int().min(0) }),
  z.object({ ...common, type: z.literal("finding.waived"), findingId: z.string(), reason: z.string().min(1) }),
  z.object({ ...common, type: z.literal("finding.acknowledged"), findingId: z.string(), note: z.string().optional() }),
  z.object({ ...common, type: z.literal("revision.created"), revisionNumber: z.number().int().min(1), revisionDigest: hex64 }),
  z.object({ ...common, type: z.literal("link.created"), linkId: z.string(), role: partyRoleSchema, expiresAt: z.iso.datetime() }),
  z.object({ ...common, type: z.literal("link.revoked"), linkId: z.string(), role: partyRoleSchema }),
  z.object({ ...common, type: z.literal("link.used"), linkId: z.string(), role: partyRoleSchema }),
  z.object({
    ...common,
    type: z.literal("signoff.recorded"),
    role: partyRoleSchema,
    signerName: z.string(),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().optional(),
    revisionNumber: z.number().int().min(1),
    revisionDigest: hex64,
  }),
  z.object({ ...common, type: z.literal("invite.created"), inviteId: z.string(), label: z.string(), expiresAt: z.iso.datetime() }),
  z.object({ ...common, type: z.literal("invite.revoked"), inviteId: z.string() }),
  z.object({ ...common, type: z.literal("owner.answered"), dnsHostingMoves: z.boolean(), organisation: z.string() }),
  z.object({ ...common, type: z.literal("window.scheduled"), start: z.iso.datetime(), end: z.iso.datetime() }),
  z.object({ ...common, type: z.literal("checklist.finalised"), revisionNumber: z.number().int().min(1), revisionDigest: hex64 }),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEvent["type"];
