/**
 * Acknowledgements and waivers given as data (a pipeline's `--ack FILE`):
 * each names who and why, exactly like the UI; applied through the same
 * `acknowledge`/`waive` functions so the same rules hold (only warnings are
 * acknowledged, only blockers waived, a named person and a reason).
 */
import { z } from "zod";
import type { Finding } from "./types";
import { acknowledge, waive, type FindingStates } from "./verdict";

const ackEntrySchema = z
  .strictObject({
    /** One finding by key ("ID@subject"), or every finding of a check id. */
    key: z.string().min(1).optional(),
    id: z
      .string()
      .regex(/^[A-Z]{3}-[A-Z0-9-]+$/)
      .optional(),
    by: z.string().trim().min(1).max(200),
    reason: z.string().trim().min(3).max(2000),
  })
  .refine((e) => (e.key === undefined) !== (e.id === undefined), "give exactly one of key or id");

export const ackFileSchema = z.strictObject({
  acknowledgements: z.array(ackEntrySchema).default([]),
  waivers: z.array(ackEntrySchema).default([]),
});
export type AckFile = z.infer<typeof ackFileSchema>;

export interface AppliedAcks {
  states: FindingStates;
  /** Entries that matched no finding of this run (stale, or fixed since). */
  unmatched: string[];
  /** Entries that cannot apply: acknowledging a blocker, waiving a warning. */
  errors: string[];
}

export function applyAcks({
  findings,
  file,
  now,
  initial = {},
}: {
  findings: readonly Finding[];
  file: AckFile;
  now: Date;
  initial?: FindingStates;
}): AppliedAcks {
  let states = initial;
  const unmatched: string[] = [];
  const errors: string[] = [];
  const apply = (kind: "acknowledgement" | "waiver", list: AckFile["acknowledgements"]) => {
    for (const e of list) {
      const targets = e.key
        ? findings.filter((f) => f.key === e.key)
        : findings.filter((f) => f.id === e.id && f.severity === (kind === "waiver" ? "blocker" : "warning"));
      if (targets.length === 0) {
        unmatched.push(`${kind} ${e.key ?? e.id}`);
        continue;
      }
      for (const f of targets) {
        const r = (kind === "waiver" ? waive : acknowledge)({
          findings,
          states,
          input: { key: f.key, by: e.by, reason: e.reason },
          now,
        });
        if (r.ok) states = r.states;
        else errors.push(`${kind} ${f.key}: ${r.message}`);
      }
    }
  };
  apply("acknowledgement", file.acknowledgements);
  apply("waiver", file.waivers);
  return { states, unmatched, errors };
}
