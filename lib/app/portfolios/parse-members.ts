/**
 * The members of a new portfolio as a person gives them: a pasted list of
 * domains (one per line, or separated by commas/spaces) or a CSV with the
 * columns domain, losing registrar, gaining registrar, current operator,
 * future operator, hosting moves, new NS. Empty cells take the portfolio's
 * shared facts. Every row is validated with the create-transfer schema, so a
 * row accepted here is a transfer the existing use case will create.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { transferInputSchema, type ValidTransferInput } from "../transfers/transfer-input";
import { parseServerSpec } from "../../dns/server-spec";

/** The facts every member shares unless its own row says otherwise. */
export const sharedFactsSchema = z.object({
  losingRegistrar: z.string().trim().max(200).default(""),
  gainingRegistrar: z.string().trim().max(200).default(""),
  currentDnsOperator: z.string().trim().max(200).default(""),
  futureDnsOperator: z.string().trim().max(200).default(""),
  /** "" = not answered for the whole portfolio: each row must then answer itself (DESIGN §1: never defaulted). */
  dnsHostingMoves: z.enum(["", "yes", "no"]).default(""),
  newNameServers: z.string().max(10_000).default(""),
});
export type SharedFacts = z.output<typeof sharedFactsSchema>;

/** A new-NS cell or field: `name=address` entries separated by spaces, commas, semicolons or lines. */
export const nameServersSchema = z
  .string()
  .max(10_000)
  .transform((text, ctx) => {
    const specs = text.split(/[\s,;]+/).filter((s) => s !== "");
    for (const s of specs) {
      const r = parseServerSpec(s);
      if (!r.ok) ctx.addIssue({ code: "custom", message: `new NS: ${r.message}` });
    }
    if (specs.length > 32) ctx.addIssue({ code: "custom", message: "new NS: at most 32 servers" });
    return specs.join("\n");
  });

export interface MemberRow {
  /** 1-based: the line of a pasted list, the data row of a CSV (the header is row 0). */
  row: number;
  transfer: ValidTransferInput;
  /** `name=address` lines; "" = the portfolio's. */
  newNameServers: string;
}

export interface RowError {
  row: number;
  /** What the row said (the domain cell, or the raw line). */
  text: string;
  errors: string[];
}

export type ParseMembersResult = { ok: true; rows: MemberRow[]; errors: RowError[] } | { ok: false; message: string };

export const MAX_MEMBERS = 1000;

/** Header cells as people write them → field. */
const COLUMNS: Record<string, keyof RawRow> = {
  domain: "domain",
  "losing registrar": "losingRegistrar",
  "gaining registrar": "gainingRegistrar",
  "current operator": "currentDnsOperator",
  "current dns operator": "currentDnsOperator",
  "future operator": "futureDnsOperator",
  "future dns operator": "futureDnsOperator",
  "hosting moves": "dnsHostingMoves",
  "dns hosting moves": "dnsHostingMoves",
  "new ns": "newNameServers",
  "new name servers": "newNameServers",
};

interface RawRow {
  domain: string;
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: string;
  newNameServers: string;
}

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

function hostingAnswer(cell: string): string {
  const v = cell.trim().toLowerCase();
  if (YES.has(v)) return "yes";
  if (NO.has(v)) return "no";
  return v;
}

function validate(row: number, raw: RawRow, shared: SharedFacts): MemberRow | RowError {
  const pick = (own: string, fallback: string) => (own.trim() !== "" ? own.trim() : fallback);
  const hosting = hostingAnswer(pick(raw.dnsHostingMoves, shared.dnsHostingMoves));
  const input = {
    domain: raw.domain,
    losingRegistrar: pick(raw.losingRegistrar, shared.losingRegistrar),
    gainingRegistrar: pick(raw.gainingRegistrar, shared.gainingRegistrar),
    currentDnsOperator: pick(raw.currentDnsOperator, shared.currentDnsOperator),
    futureDnsOperator: pick(raw.futureDnsOperator, shared.futureDnsOperator),
    ...(hosting === "" ? {} : { dnsHostingMoves: hosting }),
  };
  const t = transferInputSchema.safeParse(input);
  const ns = nameServersSchema.safeParse(raw.newNameServers);
  const errors = [
    ...(t.success ? [] : t.error.issues.map((i) => i.message)),
    ...(ns.success ? [] : ns.error.issues.map((i) => i.message)),
  ];
  if (!t.success || !ns.success || errors.length > 0) return { row, text: raw.domain.trim() || "(no domain)", errors };
  return { row, transfer: t.data, newNameServers: ns.data };
}

function finish(candidates: (MemberRow | RowError)[]): ParseMembersResult {
  if (candidates.length === 0)
    return { ok: false, message: "No domains given: paste one per line or a CSV with a domain column" };
  if (candidates.length > MAX_MEMBERS)
    return { ok: false, message: `At most ${MAX_MEMBERS} domains per portfolio (${candidates.length} given)` };
  const rows: MemberRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    if ("errors" in c) {
      errors.push(c);
      continue;
    }
    const first = seen.get(c.transfer.domain.ascii);
    if (first !== undefined) {
      errors.push({
        row: c.row,
        text: c.transfer.domain.unicode,
        errors: [`${c.transfer.domain.unicode} is already in row ${first}`],
      });
      continue;
    }
    seen.set(c.transfer.domain.ascii, c.row);
    rows.push(c);
  }
  return { ok: true, rows, errors };
}

const EMPTY: RawRow = {
  domain: "",
  losingRegistrar: "",
  gainingRegistrar: "",
  currentDnsOperator: "",
  futureDnsOperator: "",
  dnsHostingMoves: "",
  newNameServers: "",
};

/** A pasted list: one domain per line; several on a line separated by commas or spaces are all taken. Row = line number. */
export function parseDomainList(text: string, shared: SharedFacts): ParseMembersResult {
  const candidates: (MemberRow | RowError)[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const cleaned = line.replace(/#.*$/, "").trim();
    if (cleaned === "") return;
    for (const domain of cleaned.split(/[\s,;]+/)) candidates.push(validate(i + 1, { ...EMPTY, domain }, shared));
  });
  return finish(candidates);
}

/** A CSV whose first line names the columns (any order, case-insensitive); only `domain` is required. */
export function parseMembersCsv(text: string, shared: SharedFacts): ParseMembersResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    return { ok: false, message: `The CSV could not be read: ${(e as Error).message}` };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, message: "The CSV is empty" };
  const fields = header.map((h) => COLUMNS[h.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ")] ?? null);
  const unknown = header.filter((_, i) => fields[i] === null);
  if (!fields.includes("domain"))
    return {
      ok: false,
      message: `The CSV's first line must name the columns, one of them "domain" (found: ${header.join(", ")})`,
    };
  if (unknown.length > 0)
    return {
      ok: false,
      message: `Unknown CSV column(s): ${unknown.join(", ")}. Known: ${Object.keys(COLUMNS).join(", ")}`,
    };
  const candidates = data.map((cells, i) => {
    const raw: RawRow = { ...EMPTY };
    fields.forEach((f, c) => {
      if (f) raw[f] = cells[c] ?? "";
    });
    if (cells.length > header.length)
      return {
        row: i + 1,
        text: raw.domain || "(no domain)",
        errors: [`${cells.length} cells, but the header names ${header.length} columns`],
      };
    return validate(i + 1, raw, shared);
  });
  return finish(candidates);
}

/** A CSV when its first line names a domain column; otherwise a list. */
export function parseMembers(text: string, shared: SharedFacts): ParseMembersResult {
  const first =
    text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .find((l) => l.trim() !== "") ?? "";
  const cells = first.split(",").map((c) => c.trim().replace(/^"|"$/g, "").trim().toLowerCase());
  return cells.includes("domain") ? parseMembersCsv(text, shared) : parseDomainList(text, shared);
}
