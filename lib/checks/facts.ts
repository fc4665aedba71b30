/**
 * Transfer facts as data (DESIGN §1: facts only people can state). One zod
 * schema serves the library, the web app and `cutover check --facts FILE`,
 * so a pipeline states exactly what the UI would ask.
 */
import { z } from "zod";

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "an ISO 8601 date-time");

export const contactSchema = z.strictObject({
  /** Which party: "losing registrar", "new DNS operator", "owner"… */
  party: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  /** Phone, chat room, e-mail: how to reach them during the window. */
  channel: z.string().trim().min(1).max(500),
  onCall: z.boolean().default(true),
});

export const transferFactsSchema = z.strictObject({
  domain: z.string().min(1).max(255),
  dnsHostingMoves: z.boolean().nullable(),
  plannedNs: z.array(z.string().min(1).max(255)).optional(),
  dnssecPlan: z.enum(["multi-signer", "remove-ds", "unsigned"]).nullable().optional(),
  losingRegistrar: z.string().max(200).nullable().optional(),
  window: z.strictObject({ start: isoDate, end: isoDate }).nullable().optional(),
  contactsConfirmed: z.boolean().optional(),
  contacts: z.array(contactSchema).max(50).optional(),
  monitoringPlanned: z.boolean().optional(),
  /** What is watched during and after the switch, by whom. */
  monitoring: z
    .strictObject({ plan: z.string().trim().min(3).max(2000), by: z.string().max(200).optional() })
    .optional(),
  rollbackDocumented: z.boolean().optional(),
  /** The documented rollback and the time it assumes until everyone sees the old NS again. */
  rollback: z
    .strictObject({
      steps: z.string().trim().min(3).max(4000),
      assumedSeconds: z
        .number()
        .int()
        .min(0)
        .max(365 * 86400),
    })
    .optional(),
  oldZoneKept: z.boolean().optional(),
  /** Until when the old operator keeps serving the zone (ISO 8601). */
  oldZoneKeptUntil: isoDate.optional(),
  /** How the new operator gets the zone: zone transfer from the old primary, or an import/API copy. */
  newOperatorFeed: z.enum(["axfr", "import"]).optional(),
  /** Parties nobody can be reached at (no named contact or no escalation channel); the web app derives it from its five roles. */
  partiesWithoutContact: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
});

/**
 * The operations plan a person states on the schedule page (DESIGN §6 OPS):
 * the same fields, with the same rules, as in a facts file.
 */
export const operationsPlanSchema = transferFactsSchema.pick({
  monitoring: true,
  rollback: true,
  oldZoneKeptUntil: true,
  dnssecPlan: true,
});
export type OperationsPlan = z.infer<typeof operationsPlanSchema>;

/** A facts file: the domain comes from the command line; everything else as in the library. */
export const factsFileSchema = transferFactsSchema.partial().extend({ domain: z.string().min(1).max(255).optional() });

export type TransferFactsInput = z.input<typeof transferFactsSchema>;
export type FactsFile = z.infer<typeof factsFileSchema>;
