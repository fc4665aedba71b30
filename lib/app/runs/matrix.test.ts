import { describe, expect, it } from "vitest";
import { serverMatrix, type StoredServerSummary } from "./matrix";

const s = (
  name: string,
  address: string,
  serial: number | null,
  extra: Partial<StoredServerSummary> = {},
): StoredServerSummary => ({
  name,
  address,
  port: 53,
  soaSerial: serial,
  ns: ["ns1.old.test.", "ns2.old.test."],
  udp: true,
  tcp: true,
  authoritative: serial !== null,
  axfr: "refused",
  axfrRecords: 0,
  error: null,
  ...extra,
});

describe("serverMatrix", () => {
  it("marks the server behind its operator's highest serial stale, and a silent one dead, with a note", () => {
    const rows = serverMatrix(
      [
        s("ns1.old.test.", "127.0.0.1", 2026100201),
        s("ns2.old.test.", "127.0.0.4", 2026100101),
        s("ns2.old.test.", "::1", 2026100101, { port: 5300 }),
        s("ns3.old.test.", "127.0.0.9", null, { udp: false, tcp: false, error: "timeout: no answer" }),
      ],
      [s("ns1.new.test.", "127.0.0.5", 1, { ns: ["ns1.new.test."] })],
    );
    expect(rows.map((r) => [r.operator, r.server, r.address, r.status, r.note])).toEqual([
      ["old", "ns1.old.test.", "127.0.0.1", "ok", "answers with AA"],
      ["old", "ns2.old.test.", "127.0.0.4", "stale", "serial 2026100101 behind 2026100201"],
      ["old", "ns2.old.test.", "[::1]:5300", "stale", "serial 2026100101 behind 2026100201"],
      ["old", "ns3.old.test.", "127.0.0.9", "dead", "timeout: no answer"],
      // The new operator's serial is compared only with its own servers.
      ["new", "ns1.new.test.", "127.0.0.5", "ok", "answers with AA"],
    ]);
  });
  it("flags a lame server and an odd NS set", () => {
    const rows = serverMatrix(
      [
        s("a.", "192.0.2.1", 5),
        s("b.", "192.0.2.2", 5),
        s("c.", "192.0.2.3", 5, { ns: ["x."] }),
        s("d.", "192.0.2.4", null, { error: "answer without AA (lame)" }),
      ],
      null,
    );
    expect(rows.map((r) => r.status)).toEqual(["ok", "ok", "ns-differs", "lame"]);
  });
  it("shows a refusal as refused with its rcode, apart from a failed transfer", () => {
    const rows = serverMatrix(
      [
        s("a.", "192.0.2.1", 5, { axfrDetail: "REFUSED" }),
        s("b.", "192.0.2.2", 5, { axfr: "failed", axfrDetail: "timeout: no answer" }),
        s("c.", "192.0.2.3", 5, { axfr: "allowed", axfrRecords: 12 }),
        s("d.", "192.0.2.4", 5, { axfr: "not-tried" }),
      ],
      null,
    );
    expect(rows.map((r) => r.axfrText)).toEqual([
      "refused (REFUSED)",
      "failed (timeout: no answer)",
      "allowed (12 records)",
      "not tried",
    ]);
  });
});
