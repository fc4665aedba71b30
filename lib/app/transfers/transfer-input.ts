/**
 * The "create a transfer" form, validated the same way by the server action
 * and (for early feedback) the form. DESIGN §1: "does DNS hosting move?" is
 * asked explicitly and has no default.
 */
import { z } from "zod";
import { normalizeDomain } from "../../zone/domain";

const party = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(200, `${what} is too long (200 characters at most)`);

export const transferInputSchema = z.object({
  domain: z
    .string({ error: "Domain is required" })
    .trim()
    .min(1, "Domain is required")
    .transform((value, ctx) => {
      const forms = normalizeDomain(value);
      if (!forms) {
        ctx.addIssue({ code: "custom", message: "Not a valid domain name (e.g. example.com or bücher.de)" });
        return z.NEVER;
      }
      return forms;
    }),
  losingRegistrar: party("Losing registrar"),
  gainingRegistrar: party("Gaining registrar"),
  currentDnsOperator: party("Current DNS operator"),
  futureDnsOperator: party("Future DNS operator"),
  // Form posts send "yes"/"no"; JSON callers may send booleans. Anything else, including absence, is an error.
  dnsHostingMoves: z
    .union([z.literal("yes"), z.literal("no"), z.boolean()], {
      error: "Answer whether DNS hosting moves to the gaining side",
    })
    .transform((v) => v === true || v === "yes"),
});

export type TransferInput = z.input<typeof transferInputSchema>;
export type ValidTransferInput = z.output<typeof transferInputSchema>;

/** Field name -> first message, for rendering next to form fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
