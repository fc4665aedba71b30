/**
 * A checklist revision: everything people sign, frozen. It never
 * contains sign-offs: they bind to its digest, so they travel beside it in the
 * bundle.
 */
import { z } from "zod";
import { maintenanceWindowSchema } from "../schedule/window";
import { partySchema } from "../schedule/parties";
import { timingInputsSchema } from "../schedule/timing";
import { canonicalDigest } from "./canonical-json";
import { findingSchema } from "./finding";

export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256");

export const verdictSchema = z.object({
  decision: z.enum(["go", "no-go"]),
  /** Why, item by item (DESIGN §6 Verdict). */
  reasons: z.array(z.string()),
});
export type Verdict = z.infer<typeof verdictSchema>;

export const revisionSchema = z.object({
  transferId: z.string().min(1),
  revisionNumber: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  /** Digest of the previous revision; null for the first. Chains revisions like the audit log. */
  previousDigest: hex64.nullable(),
  transfer: z.object({
    domain: z.string().min(1),
    losingRegistrar: z.string(),
    gainingRegistrar: z.string(),
    losingDnsOperator: z.string(),
    gainingDnsOperator: z.string(),
  }),
  /** Asked explicitly, never defaulted (DESIGN §1). */
  dnsHostingMoves: z.boolean(),
  sources: z.array(z.object({ id: z.string(), fileName: z.string(), format: z.string(), sha256: hex64 })),
  snapshotDigest: hex64.nullable(),
  findings: z.array(findingSchema),
  verdict: verdictSchema,
  window: maintenanceWindowSchema.nullable(),
  /** The measured TTLs the window was computed from (the window's arithmetic is reproducible from these). */
  timing: timingInputsSchema.nullable(),
  parties: z.array(partySchema),
});
export type Revision = z.infer<typeof revisionSchema>;
export type RevisionContent = Omit<Revision, "transferId" | "revisionNumber" | "createdAt" | "previousDigest">;

/** SHA-256 over the RFC 8785 form: the digest sign-offs bind to. */
export function revisionDigest(revision: Revision): string {
  return canonicalDigest(revision);
}

export interface CreateRevisionOptions {
  transferId: string;
  previous: Revision | null;
  content: RevisionContent;
  now: Date;
}

/** The next immutable revision: numbered after `previous` and chained to its digest. Throws (zod) if the content is malformed. */
export function createRevision(options: CreateRevisionOptions): Revision {
  const { previous } = options;
  if (previous !== null && previous.transferId !== options.transferId)
    throw new Error("previous revision belongs to another transfer");
  return Object.freeze(
    revisionSchema.parse({
      ...options.content,
      transferId: options.transferId,
      revisionNumber: previous === null ? 1 : previous.revisionNumber + 1,
      createdAt: options.now.toISOString(),
      previousDigest: previous === null ? null : revisionDigest(previous),
    }),
  );
}
