/** Operator configuration of the catalogue: severity overrides, disabled checks, timing margin. */
import { z } from "zod";
import { SEVERITIES } from "./types";
import { DEFAULT_MARGIN_SECONDS } from "./timing";

const checkIdSchema = z
  .string()
  .regex(/^(DEL|INV|PRV|SEC|TIM|SVC|REG|OPS)-[A-Z0-9-]+$/, "a check id such as INV-MISSING-IN-SOURCE");

export const checkConfigSchema = z.strictObject({
  /** Severity per check id; replaces the default severity of that check's findings. */
  severities: z.record(checkIdSchema, z.enum(SEVERITIES)).default({}),
  /** Checks not run at all. */
  disabled: z.array(checkIdSchema).default([]),
  /** Seconds added to TTL-derived overlaps (DESIGN §7). */
  marginSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86400)
    .default(DEFAULT_MARGIN_SECONDS),
});

export type CheckConfig = z.infer<typeof checkConfigSchema>;
export type CheckConfigInput = z.input<typeof checkConfigSchema>;

export const DEFAULT_CONFIG: CheckConfig = checkConfigSchema.parse({});
