/**
 * Property: parse → normalize → parse is the identity.
 * Generated zones use the spellings people write (relative and absolute
 * owners, "@", blank owners, class before or after the TTL, parentheses,
 * comments); the normalized text must parse back to exactly the records the
 * first parse produced, and normalizing again must not change a byte.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameKey } from "./name";
import { parseZone } from "./parse";
import { gens } from "./rdata/arbitraries.testutil";
import { T, typeToText } from "./rrtype";
import { recordsToText } from "./serialize";
import type { ZoneRecord } from "./types";

// Types that would trip zone semantics rather than syntax (CNAME/DNAME
// exclusivity, one SOA at the apex) are left to the parser's own tests.
const EXCLUDED = new Set<number>([T.CNAME, T.DNAME, T.SOA]);
const typed = gens.filter(([type]) => !EXCLUDED.has(type));
const record = fc.oneof(...typed.map(([type, gen]) => gen.map((rdata) => ({ type, rdata }))));

const labelText = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/),
  fc.constant("*"),
  fc
    .uint8Array({ minLength: 1, maxLength: 3 })
    .map((b) => Array.from(b, (c) => "\\" + String(c).padStart(3, "0")).join("")),
);

const group = fc.record({
  owner: fc.oneof(
    fc.constant("@"),
    fc.array(labelText, { minLength: 1, maxLength: 3 }).map((l) => l.join(".")),
    // absolute spelling; the "abs" label keeps it distinct from relative owners
    fc.array(labelText, { minLength: 1, maxLength: 2 }).map((l) => l.join(".") + ".abs.example."),
  ),
  ttl: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  classFirst: fc.boolean(),
  blankOwners: fc.boolean(),
  parens: fc.boolean(),
  records: fc.array(record, { minLength: 1, maxLength: 4 }),
});

type Group = typeof group extends fc.Arbitrary<infer G> ? G : never;

function zoneText(groups: Group[]): string {
  const lines = ["$ORIGIN example.", "; generated"];
  for (const g of groups) {
    g.records.forEach((r, i) => {
      const owner = i > 0 && g.blankOwners ? "" : g.owner;
      const ttlClass = g.classFirst ? `IN ${g.ttl}` : `${g.ttl} IN`;
      // Parentheses across lines (RFC 1035 §5.1), with a comment inside.
      const rdata = g.parens ? `( ; opens\n\t${r.rdata}\n\t) ; wrapped` : r.rdata;
      lines.push(`${owner}\t${ttlClass}\t${typeToText(r.type)}\t${rdata}`);
    });
  }
  return lines.join("\n") + "\n";
}

const key = (r: ZoneRecord) =>
  `${nameKey(r.owner)}|${r.class}|${r.type}|${r.ttl}|${Buffer.from(r.rdata).toString("hex")}`;
const keySet = (records: ZoneRecord[]) => [...new Set(records.map(key))].sort();

describe("parse → normalize → parse", () => {
  it("is the identity on generated zones", () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 6 }), (groups) => {
        // Two groups with one owner would form one RRset with two TTLs,
        // which the parser reports (RFC 2181 §5.2): keep owners distinct.
        const owners = new Set(groups.map((g) => g.owner.toLowerCase()));
        fc.pre(owners.size === groups.length);
        const text = zoneText(groups);
        const first = parseZone(text, { file: "gen.zone" });
        const errors = first.diagnostics.filter((d) => d.severity === "error");
        expect(errors, text).toEqual([]);
        const normalized = recordsToText(first.records);
        const second = parseZone(normalized, { file: "normalized.zone" });
        expect(
          second.diagnostics.filter((d) => d.severity === "error"),
          normalized,
        ).toEqual([]);
        expect(keySet(second.records)).toEqual(keySet(first.records));
        expect(recordsToText(second.records)).toBe(normalized);
      }),
      { numRuns: 300 },
    );
  });
});
