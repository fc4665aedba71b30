/**
 * A finding as frozen into a revision (DESIGN §3). Structural on purpose: it
 * mirrors lib/checks' Finding (id, key, severity, subject, message,
 * remediation, evidence) plus the state people gave it, so the signed
 * document does not depend on the catalogue's internals.
 */
import { z } from "zod";

const who = z.string().trim().min(1);
const when = z.iso.datetime({ offset: true });

/**
 * Who decided: the signed-in account as it was when it
 * decided (`by` is then its display name at that time). Revisions made before
 * decisions were bound to accounts have no `account`: their `by` was typed.
 */
export const decidedBySchema = z.object({ userId: z.string().min(1), email: z.string(), name: z.string() });
/** Typed on the form: a label, not an identity. */
const onBehalfOf = z.string().optional();

export const findingStateSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("open") }),
  z.object({ status: z.literal("fixed"), by: who.optional(), at: when.optional() }),
  z.object({
    status: z.literal("waived"),
    by: who,
    at: when,
    reason: z.string().trim().min(1),
    account: decidedBySchema.optional(),
    onBehalfOf,
  }),
  z.object({
    status: z.literal("acknowledged"),
    by: who,
    at: when,
    note: z.string().optional(),
    account: decidedBySchema.optional(),
    onBehalfOf,
  }),
]);
export type FindingState = z.infer<typeof findingStateSchema>;

export const severitySchema = z.enum(["blocker", "warning", "info"]);

export const evidenceRefSchema = z.looseObject({ kind: z.string(), text: z.string() });

export const findingSchema = z.object({
  /** Stable per subject across runs (lib/checks' `key`), so revisions can be diffed and states carried over. */
  id: z.string().min(1),
  /** Catalogue id (lib/checks' `id`), e.g. "INV-MISSING-IN-SOURCE". */
  checkId: z.string().min(1),
  severity: severitySchema,
  /** Name, type, server… the finding is about. */
  subject: z.string(),
  message: z.string(),
  evidence: z.array(evidenceRefSchema),
  remediation: z.string(),
  state: findingStateSchema,
});
export type Finding = z.infer<typeof findingSchema>;

/** The shape lib/checks emits (structural, so this module does not import it). */
export interface CheckFindingLike {
  id: string;
  key: string;
  severity: "blocker" | "warning" | "info";
  subject: string;
  message: string;
  remediation: string;
  evidence: readonly { kind: string; text: string }[];
}

/** Freezes a catalogue finding with the state people gave it. */
export function toRevisionFinding(f: CheckFindingLike, state: FindingState = { status: "open" }): Finding {
  return findingSchema.parse({
    id: f.key,
    checkId: f.id,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    evidence: f.evidence.map((e) => ({ ...e })),
    remediation: f.remediation,
    state,
  });
}
