/**
 * Build a ProviderRecord with the reason and replacement text from
 * lib/providers, so every importer words them the same way.
 */
import { nonPortableAdvice } from "../../providers/non-portable";
import type { ProviderRecord } from "./types";

export interface ProviderRecordInput {
  provider: ProviderRecord["provider"];
  kind: string;
  owner: string;
  type: string;
  value: string;
  ttl: number | null;
  attributes?: ProviderRecord["attributes"];
  file: string;
  line: number;
  /** Zone apex (absolute, any case) to tell apex aliases apart; null when unknown. */
  origin: string | null;
  policy?: string;
  members?: string[];
  represented?: boolean;
}

export function makeProviderRecord(input: ProviderRecordInput): ProviderRecord {
  const apex = input.origin !== null && input.owner.toLowerCase() === input.origin.toLowerCase();
  const advice = nonPortableAdvice({
    kind: input.kind,
    owner: input.owner,
    type: input.type,
    value: input.value,
    apex,
    policy: input.policy,
    members: input.members,
  });
  const rec: ProviderRecord = {
    provider: input.provider,
    kind: input.kind,
    owner: input.owner,
    type: input.type,
    value: input.value,
    ttl: input.ttl,
    attributes: input.attributes ?? {},
    reason: advice.reason,
    replacement: advice.replacement,
    file: input.file,
    line: input.line,
  };
  if (input.represented) rec.represented = true;
  return rec;
}
