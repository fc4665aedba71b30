import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ServerAnswer } from "../dns/types";
import { lowerName, name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { DEFAULT_CONFIG } from "./config";
import { keyTag } from "./dnssec";
import { NO_PROBES } from "./probes/types";
import { runChecks } from "./run-checks";
import { SEC_CHECKS } from "./sec";
import { delegationOf, input, ZONE } from "./testing/build-input";
import type { CheckInput } from "./types";

const apex = wire(ZONE);
const NOW = new Date("2026-10-01T00:00:00Z");

/** A P-256 key as DNSKEY RDATA (flags 257, protocol 3, algorithm 13) with its private half. */
function makeKey() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" }) as { x: string; y: string };
  const rdata = new Uint8Array([1, 1, 3, 13, ...Buffer.from(jwk.x, "base64url"), ...Buffer.from(jwk.y, "base64url")]);
  return { rdata, privateKey };
}

/** RRSIG over the apex DNSKEY RRset by `k` (RFC 4034 §3.1.8.1), valid 30 days from NOW. */
function rrsigOver(keys: Uint8Array[], k: ReturnType<typeof makeKey>, tamper = false): Uint8Array {
  const t = Math.floor(NOW.getTime() / 1000);
  const head = Buffer.alloc(18);
  head.writeUInt16BE(T.DNSKEY, 0);
  head[2] = 13;
  head[3] = 2;
  head.writeUInt32BE(3600, 4);
  head.writeUInt32BE(t + 30 * 86400, 8);
  head.writeUInt32BE(t - 3600, 12);
  head.writeUInt16BE(keyTag(k.rdata), 16);
  const signedPart = Buffer.concat([head, lowerName(apex)]);
  const rr = (r: Uint8Array) => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(T.DNSKEY, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(3600, 4);
    fixed.writeUInt16BE(r.length, 8);
    return Buffer.concat([lowerName(apex), fixed, r]);
  };
  const data = Buffer.concat([
    signedPart,
    ...[...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(rr),
  ]);
  const sig = sign("sha256", data, { key: k.privateKey, dsaEncoding: "ieee-p1363" });
  if (tamper) sig[5] ^= 0xff;
  return Buffer.concat([signedPart, sig]);
}

const dsText = (k: Uint8Array) =>
  `@ 86400 IN DS ${keyTag(k)} 13 2 ${createHash("sha256").update(lowerName(apex)).update(k).digest("hex")}\n`;

function dnskeyAnswer(server: { name: string; address: string }, keys: Uint8Array[], sigs: Uint8Array[]): ServerAnswer {
  return {
    server: { ...server, port: 53 },
    transport: "udp",
    question: { name: apex, type: T.DNSKEY, class: 1 },
    edns: { udpSize: 1232, do: true, version: 0 },
    rcode: 0,
    flags: { aa: true, tc: false, rd: false, ra: false, ad: false, cd: false },
    error: null,
    elapsedMs: 1,
    attempts: 1,
    mismatches: 0,
    timestamp: NOW.toISOString(),
    records: [
      ...keys.map((rdata) => ({ owner: apex, type: T.DNSKEY, class: 1, ttl: 3600, rdata, section: "answer" as const })),
      ...sigs.map((rdata) => ({ owner: apex, type: T.RRSIG, class: 1, ttl: 3600, rdata, section: "answer" as const })),
    ],
  } as ServerAnswer;
}

const zone = "@ 3600 IN SOA ns1.new.test. host.example.test. 1 7200 900 1209600 300\n@ IN NS ns1.new.test.\n";
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };

function reviewWith(parentKey: Uint8Array, served: Uint8Array[], sigs: Uint8Array[]): CheckInput {
  const i = input({
    old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone }],
    neu: [{ ...NEW, zone }],
    delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n", dsText(parentKey)),
    now: NOW,
  });
  return {
    ...i,
    probes: {
      ...NO_PROBES,
      servers: [
        {
          which: "new",
          server: "ns1.new.test. 203.0.113.1:53",
          recursion: null,
          ednsVersion: null,
          noEdns: null,
          signed: [dnskeyAnswer(NEW, served, sigs)],
        },
      ],
    },
  };
}
const plan = (i: CheckInput) => runChecks(i, DEFAULT_CONFIG, SEC_CHECKS).filter((f) => f.id === "SEC-DS-NO-PLAN");

describe("SEC-DS-NO-PLAN states what the new servers were seen to serve", () => {
  const k = makeKey();
  it("handover done: every new server serves and signs with the key the DS matches → info, nothing missing", () => {
    const f = plan(reviewWith(k.rdata, [k.rdata], [rrsigOver([k.rdata], k)]));
    expect(f.map((x) => x.severity)).toEqual(["info"]);
    expect(f[0].message).toContain(
      `serves the key the DS matches (tag ${keyTag(k.rdata)}) and its signature over the DNSKEY RRset validates`,
    );
  });
  it("the DS's key served but its signature does not validate → blocker saying exactly that", () => {
    const f = plan(reviewWith(k.rdata, [k.rdata], [rrsigOver([k.rdata], k, true)]));
    expect(f.map((x) => x.severity)).toEqual(["blocker"]);
    expect(f[0].message).toContain(
      `serves the DS's key (tag ${keyTag(k.rdata)}) but no valid, unexpired signature by it over the DNSKEY RRset`,
    );
  });
  it("other keys at the new operator → blocker naming the tags it does serve", () => {
    const other = makeKey();
    const f = plan(reviewWith(k.rdata, [other.rdata], [rrsigOver([other.rdata], other)]));
    expect(f.map((x) => x.severity)).toEqual(["blocker"]);
    expect(f[0].message).toContain(
      `serves DNSKEY tag(s) ${keyTag(other.rdata)}, none of which the parent's DS matches`,
    );
  });
});
