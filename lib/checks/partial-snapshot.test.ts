/**
 * Unknown is not absent: every check family is fed a partial
 * snapshot — questions cut off by the deadline at the old or the new side —
 * and may not conclude "missing", "different" or "broken" from them. The
 * only blockers allowed are the ones that say evidence is missing
 * (INV-SNAPSHOT-INCOMPLETE, INV-UNVERIFIED-AT-NEW), one per cause.
 */
import { describe, expect, it } from "vitest";
import type { ServerAnswer } from "../dns/types";
import { T } from "../zone/rrtype";
import { DEFAULT_CONFIG } from "./config";
import { DEL_CHECKS } from "./del";
import { INV_CHECKS } from "./inv";
import { OPS_CHECKS } from "./ops";
import { PRV_CHECKS } from "./prv";
import { REG_CHECKS } from "./reg";
import { runChecks } from "./run-checks";
import { SEC_CHECKS } from "./sec";
import { SVC_CHECKS } from "./svc";
import { TIM_CHECKS } from "./tim";
import { about, delegationOf, input, partial, source, ZONE } from "./testing/build-input";
import type { CheckDef, CheckInput } from "./types";

const OLD = { name: "ns1.old.test.", address: "192.0.2.1" };
const OLD2 = { name: "ns2.old.test.", address: "192.0.2.2" };
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };
const NEW2 = { name: "ns2.new.test.", address: "203.0.113.2" };

const body = (ns: string[]) =>
  ns.map((n) => `@ 86400 IN NS ${n}\n`).join("") +
  `@ IN A 192.0.2.10\n@ IN MX 10 mx\n@ IN TXT "v=spf1 mx -all"\n@ IN CAA 0 issue "letsencrypt.org"\n` +
  `mx IN A 192.0.2.25\nmx IN AAAA 2001:db8::25\nwww IN CNAME @\n_dmarc IN TXT "v=DMARC1; p=none"\nselector1._domainkey IN TXT "v=DKIM1; p=abc"\n` +
  `_acme-challenge IN CNAME acme.validation.test.\nsub IN NS ns1.sub\nns1.sub IN A 192.0.2.53\n`;
const OLD_ZONE = body(["ns1.old.test.", "ns2.old.test."]);
const NEW_ZONE = body(["ns1.new.test.", "ns2.new.test."]);

/** A clean move: the export, old and new all hold the same data (apex NS/SOA aside). */
function clean(): CheckInput {
  return input({
    sources: [source("export.zone", OLD_ZONE)],
    old: [
      { ...OLD, zone: OLD_ZONE },
      { ...OLD2, zone: OLD_ZONE },
    ],
    neu: [
      { ...NEW, zone: NEW_ZONE },
      { ...NEW2, zone: NEW_ZONE },
    ],
    delegation: delegationOf("@ 172800 IN NS ns1.old.test.\n@ 172800 IN NS ns2.old.test.\n"),
    facts: { plannedNs: ["ns1.new.test.", "ns2.new.test."] },
    ask: [{ name: `sub.${ZONE}`, type: T.DS }],
  });
}

const isApexSoaNs = (a: ServerAnswer) =>
  a.question.name.length === ZONE.length + 1 && (a.question.type === T.SOA || a.question.type === T.NS);
const everythingButApex = (a: ServerAnswer) => !isApexSoaNs(a);
/** What a run cut short after its apex class loses: every other name. */
const CUTS: [string, (a: ServerAnswer) => boolean][] = [
  ["all but the apex SOA/NS", everythingButApex],
  ["the MX target's addresses", about(`mx.${ZONE}`)],
  ["the AAAA questions", (a) => a.question.type === T.AAAA],
  ["the zone cut", about(`sub.${ZONE}`)],
  ["the apex DNSKEY/MX/TXT/CAA", (a) => a.question.name.length === ZONE.length + 1 && !isApexSoaNs(a)],
];
const ALLOWED = new Set(["INV-SNAPSHOT-INCOMPLETE", "INV-UNVERIFIED-AT-NEW"]);

const FAMILIES: [string, CheckDef[]][] = [
  ["DEL", DEL_CHECKS],
  ["INV", INV_CHECKS],
  ["PRV", PRV_CHECKS],
  ["SEC", SEC_CHECKS],
  ["TIM", TIM_CHECKS],
  ["SVC", SVC_CHECKS],
  ["REG", REG_CHECKS],
  ["OPS", OPS_CHECKS],
];

const blockers = (i: CheckInput, checks: CheckDef[]) =>
  runChecks(i, DEFAULT_CONFIG, checks)
    .filter((f) => f.severity === "blocker")
    .map((f) => `${f.id} ${f.subject}`);

describe("a partial snapshot never yields a false blocker", () => {
  const base = clean();
  for (const [family, checks] of FAMILIES) {
    const before = blockers(base, checks);
    for (const side of ["old", "new"] as const) {
      for (const [what, lost] of CUTS) {
        it(`${family}: ${what} cut off at the ${side} side adds no ${family} blocker`, () => {
          const after = blockers(partial(base, side, lost), checks).filter(
            (b) => !ALLOWED.has(b.split(" ")[0]) && !before.includes(b),
          );
          expect(after).toEqual([]);
        });
      }
    }
  }

  it("the clean move itself has no INV/SVC/DEL blocker (the baseline above is meaningful)", () => {
    expect(blockers(base, [...INV_CHECKS, ...SVC_CHECKS, ...DEL_CHECKS])).toEqual([]);
  });

  it("what was cut off is reported once per cause, listing the RRsets", () => {
    const f = runChecks(partial(base, "new", about(`mx.${ZONE}`)), DEFAULT_CONFIG, INV_CHECKS);
    const u = f.filter((x) => x.id === "INV-UNVERIFIED-AT-NEW");
    expect(u.map((x) => x.subject)).toEqual(["unverified at the new operator: not asked"]);
    expect(u[0].message).toContain(`mx.${ZONE} A`);
    expect(u[0].message).toContain(`mx.${ZONE} AAAA`);
    expect(f.filter((x) => x.id === "INV-SNAPSHOT-INCOMPLETE").map((x) => x.subject)).toEqual([
      `${ZONE} (new operator snapshot)`,
    ]);
  });

  it("SVC-MX-TARGET still fires when the target was asked and has no address (the guard is not a blind spot)", () => {
    const zone = OLD_ZONE.replace(/^mx IN A.*\n|^mx IN AAAA.*\n/gm, "");
    const i = input({
      old: [{ ...OLD, zone }],
      ask: [
        { name: `mx.${ZONE}`, type: T.A },
        { name: `mx.${ZONE}`, type: T.AAAA },
      ],
    });
    expect(blockers(i, SVC_CHECKS)).toContain(`SVC-MX-TARGET ${ZONE} MX mx.${ZONE}`);
  });
});
