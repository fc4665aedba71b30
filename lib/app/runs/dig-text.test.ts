import { describe, expect, it } from "vitest";
import { digText, type StoredAnswer } from "./dig-text";

const base: StoredAnswer = {
  server: { name: "ns1.oldhost.test.", address: "127.0.0.1", port: 5353 },
  transport: "udp",
  question: { name: "release.project.test.", type: "NS", class: 1 },
  rcode: 0,
  flags: { aa: false, tc: false, rd: false, ra: false, ad: false, cd: false },
  edns: { udpSize: 1232, do: false, version: 0 },
  records: [
    {
      section: "authority",
      owner: "release.project.test.",
      ttl: 3600,
      class: 1,
      type: "NS",
      text: "ns-101.awsdns-12.com.",
    },
  ],
  elapsedMs: 1.4,
  error: null,
  timestamp: "2026-10-02T10:00:00.000Z",
};

describe("digText", () => {
  it("renders a referral the way dig does", () => {
    expect(digText(base)).toBe(
      [
        "; <<>> cutover <<>> @127.0.0.1 -p 5353 release.project.test. NS +norecurse",
        "; server ns1.oldhost.test.",
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR",
        ";; flags: ; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0",
        "",
        ";; OPT PSEUDOSECTION:",
        "; EDNS: version: 0, flags:; udp: 1232",
        "",
        ";; QUESTION SECTION:",
        ";release.project.test.\t\tIN\tNS",
        "",
        ";; AUTHORITY SECTION:",
        "release.project.test.\t3600\tIN\tNS\tns-101.awsdns-12.com.",
        "",
        ";; Query time: 1 msec",
        ";; SERVER: 127.0.0.1#5353(UDP)",
        ";; WHEN: 2026-10-02T10:00:00.000Z",
      ].join("\n"),
    );
  });
  it("says why there is no answer, over TCP to an IPv6 address", () => {
    const t = digText({
      ...base,
      transport: "tcp",
      server: { ...base.server, address: "::1" },
      rcode: null,
      flags: null,
      records: [],
      error: { kind: "timeout", message: "no answer after 3 attempts" },
    });
    expect(t.split("\n").slice(0, 3)).toEqual([
      "; <<>> cutover <<>> @[::1] -p 5353 release.project.test. NS +norecurse +tcp",
      "; server ns1.oldhost.test.",
      ";; timeout: no answer after 3 attempts",
    ]);
  });
});
