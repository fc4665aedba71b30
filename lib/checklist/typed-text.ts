/**
 * Text people type into a signed record: names (a signer, "on behalf of")
 * and reasons. Control characters are refused: a CR/LF in a
 * name forges lines in logs and documents; bidi overrides reorder what a
 * reader sees (CVE-2021-42574, "Trojan Source").
 */
import { z } from "zod";

/** C0, DEL, C1 and the bidi embedding/override/isolate controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** The same, except a line feed (a reason may have paragraphs). */
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export const personNameSchema = z
  .string()
  .trim()
  .min(1, "a name is required")
  .max(200)
  .refine(
    (s) => !CONTROL.test(s),
    "control characters (line breaks, tabs, direction overrides) are not allowed in a name",
  );

export const decisionReasonSchema = z
  .string()
  .trim()
  .min(3, "a reason is required")
  .max(2000)
  .refine((s) => !CONTROL_BUT_LF.test(s), "control characters (other than a line break) are not allowed in a reason");
