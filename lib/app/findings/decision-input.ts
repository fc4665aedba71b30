/**
 * What staff submit to waive, acknowledge or revoke findings: one reason for a selection of findings. There is no
 * "who" field: the decider is the signed-in account. A typed "on behalf of"
 * is a label, never an identity. Control characters are refused (typed-text.ts).
 */
import { z } from "zod";
import { decisionReasonSchema, personNameSchema } from "../../checklist/typed-text";

/** The most findings one request decides (a whole run's blockers fit; a runaway client does not). */
export const MAX_KEYS_PER_DECISION = 1000;

const keys = z.array(z.string().min(1).max(1000)).min(1, "select at least one finding").max(MAX_KEYS_PER_DECISION);

/**
 * `key` (one finding) or `keys` (a selection). `overwrite`: replace a
 * decision someone else made (or made with another reason) instead of being
 * refused; the replaced one is recorded in the audit log.
 */
export const decisionInputSchema = z
  .discriminatedUnion("action", [
    z.strictObject({
      action: z.enum(["waive", "acknowledge"]),
      key: z.string().min(1).optional(),
      keys: keys.optional(),
      reason: decisionReasonSchema,
      onBehalfOf: personNameSchema.optional(),
      overwrite: z.boolean().optional(),
    }),
    z.strictObject({
      action: z.literal("revoke"),
      key: z.string().min(1).optional(),
      keys: keys.optional(),
      reason: decisionReasonSchema.optional(),
    }),
  ])
  .refine((d) => (d.key === undefined) !== (d.keys === undefined), {
    message: "give either key or keys",
    path: ["keys"],
  })
  .transform((d) => ({ ...d, keys: [...new Set(d.keys ?? [d.key!])] }));
export type DecisionInput = z.output<typeof decisionInputSchema>;
