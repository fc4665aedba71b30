/**
 * `dig AXFR` output. The transfer is framed by the zone's SOA, first and last
 * (RFC 5936 §2.2): the closing copy is framing, not a second record, so it is
 * dropped before parsing and never counted. A missing closing SOA means the
 * output may be cut short; "; Transfer failed." is an import error, never an
 * empty zone.
 */
import { T } from "../rrtype";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic } from "../types";
import { masterFileOutput, originWireOf, parseMasterFiles } from "./master";
import { uncount } from "./report";
import { diag, sortByPosition, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";

/** dig's messages for a transfer that did not happen or broke off. */
const FAILURE_RE =
  /^;+[ \t]*(Transfer failed\.?|communications error.*|connection timed out.*|no servers could be reached.*)$/im;
const XFR_SIZE_RE = /^;;[ \t]*XFR size:[ \t]*(\d+)[ \t]+records?/m;

function isRecordLine(line: string): boolean {
  const t = line.trimStart();
  return t !== "" && !t.startsWith(";");
}

/** dig prints "owner ttl class type rdata" on one line (without +multiline). */
function lineType(line: string): string | undefined {
  return line.trim().split(/\s+/)[3]?.toUpperCase();
}

interface Framed {
  text: string;
  closingDropped: boolean;
  diagnostics: Diagnostic[];
}

/** Blank out the closing SOA line (line numbers kept) and check the framing. */
export function stripClosingSoa(file: DecodedFile): Framed {
  const lines = file.text.split("\n");
  const diagnostics: Diagnostic[] = [];
  const recordLines: number[] = [];
  lines.forEach((l, i) => isRecordLine(l) && recordLines.push(i));
  const multiline = recordLines.some((i) => lines[i].includes("("));
  if (recordLines.length === 0 || multiline) return { text: file.text, closingDropped: false, diagnostics };
  const first = recordLines[0];
  const last = recordLines[recordLines.length - 1];
  if (lineType(lines[first]) !== "SOA") {
    diagnostics.push(
      diag({
        file: file.name,
        line: first + 1,
        column: 1,
        code: D.BAD_SOA,
        message: "the transfer does not start with the zone's SOA (RFC 5936 §2.2)",
        severity: "warning",
      }),
    );
  }
  const size = XFR_SIZE_RE.exec(file.text);
  if (size && Number(size[1]) !== recordLines.length) {
    diagnostics.push(
      diag({
        file: file.name,
        line: 0,
        column: 0,
        code: D.TRANSFER_TRUNCATED,
        message: `dig reports ${size[1]} records but the output holds ${recordLines.length}: the output may be incomplete`,
        severity: "warning",
      }),
    );
  }
  if (last === first || lineType(lines[last]) !== "SOA") {
    diagnostics.push(
      diag({
        file: file.name,
        line: last + 1,
        column: 1,
        code: D.TRANSFER_TRUNCATED,
        message: "no closing SOA: the transfer may be truncated (RFC 5936 §2.2)",
        severity: "warning",
      }),
    );
    return { text: file.text, closingDropped: false, diagnostics };
  }
  lines[last] = lines[last].endsWith("\r") ? "\r" : "";
  return { text: lines.join("\n"), closingDropped: true, diagnostics };
}

export function importAxfr(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const diagnostics: Diagnostic[] = [];
  let ok = true;
  const usable: DecodedFile[] = [];
  const framed = new Map<string, Framed>();
  for (const f of files) {
    const failed = FAILURE_RE.exec(f.text);
    if (failed) {
      const line = f.text.slice(0, failed.index).split("\n").length;
      diagnostics.push(
        diag({
          file: f.name,
          line,
          column: 1,
          code: D.TRANSFER_FAILED,
          message: `dig says "${failed[1]}": the zone transfer did not happen; this file holds no zone data`,
        }),
      );
      ok = false;
      continue;
    }
    const fr = stripClosingSoa(f);
    framed.set(f.name, fr);
    diagnostics.push(...fr.diagnostics);
    usable.push(f);
  }
  const explicit = originWireOf(options.origin, files[0]?.name ?? "", diagnostics);
  const parsed =
    usable.length > 0
      ? parseMasterFiles(usable, {
          ...options,
          originWire: explicit,
          preprocess: (f) => framed.get(f.name)?.text ?? f.text,
        })
      : {
          records: [],
          comments: [],
          diagnostics: [],
          diagnosticsDropped: 0,
          counts: {},
          origin: null,
          truncated: false,
        };
  // +multiline output: the line-based framing check could not run; drop the closing SOA after parsing.
  const anyMultiline = usable.some(
    (f) => !framed.get(f.name)?.closingDropped && !framed.get(f.name)?.diagnostics.length,
  );
  const recs = parsed.records;
  if (anyMultiline && recs.length > 1 && recs[recs.length - 1].type === T.SOA && recs[0].type === T.SOA) {
    recs.pop();
    parsed.comments.pop();
    uncount(parsed.counts, "SOA", "represented");
  }
  if (ok && parsed.records.length === 0) {
    diagnostics.push(
      diag({
        file: files[0]?.name ?? "",
        line: 0,
        column: 0,
        code: D.TRANSFER_FAILED,
        message: "the AXFR output holds no records: treated as a failed transfer, not an empty zone",
      }),
    );
    ok = false;
  }
  return masterFileOutput({ explicit, parsed, diagnostics: (all) => sortByPosition([...diagnostics, ...all]), ok });
}
