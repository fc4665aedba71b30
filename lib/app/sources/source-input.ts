/**
 * The fields that accompany an upload: a label per source and an optional
 * format override ("auto" lets the importer detect it, DESIGN §4).
 */
import { z } from "zod";
import { IMPORT_FORMATS } from "../../zone/import/types";
import { MAX_LABEL_LENGTH } from "./upload-rules";

export const FORMAT_CHOICES = ["auto", ...IMPORT_FORMATS] as const;
export type SourceFormat = (typeof FORMAT_CHOICES)[number];

export const sourceInputSchema = z.object({
  label: z
    .string({ error: "Label is required" })
    .trim()
    .min(1, "Label is required")
    .max(MAX_LABEL_LENGTH, `Label is too long (${MAX_LABEL_LENGTH} characters at most)`),
  format: z.enum(FORMAT_CHOICES, { error: `Format must be one of ${FORMAT_CHOICES.join(", ")}` }).default("auto"),
});

export type SourceInput = z.output<typeof sourceInputSchema>;
