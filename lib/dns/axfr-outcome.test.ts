import dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { name } from "../zone/name";
import { axfr } from "./axfr";
import { axfrOutcome, axfrOutcomeText, axfrShort } from "./axfr-outcome";
import { QuerySession } from "./session";
import { startFakeServer, type FakeHandler, type FakeServer } from "./testing/fake-server";

const server = { name: "ns1.x.test.", address: "192.0.2.1", port: 53 };

describe("axfrOutcome", () => {
  it("calls REFUSED, NOTAUTH and NOTIMP a refusal, with the rcode's name", () => {
    const err = { kind: "refused" as const, message: "transfer refused" };
    expect(axfrOutcome({ error: err, rcode: 5 })).toEqual({ status: "refused", detail: "REFUSED" });
    expect(axfrOutcome({ error: { kind: "notauth", message: "x" }, rcode: 9 })).toEqual({
      status: "refused",
      detail: "NOTAUTH",
    });
    expect(axfrOutcome({ error: err, rcode: 4 })).toEqual({ status: "refused", detail: "NOTIMP" });
  });
  it("calls a timeout, a lost connection, a malformed transfer or another rcode a failure", () => {
    expect(axfrOutcome({ error: { kind: "timeout", message: "no answer in 60000 ms" }, rcode: null })).toEqual({
      status: "failed",
      detail: "timeout: no answer in 60000 ms",
    });
    expect(axfrOutcome({ error: { kind: "network", message: "ECONNRESET" }, rcode: null }).status).toBe("failed");
    // Cut off after a good first message: the rcode seen is NOERROR, the transfer still failed.
    expect(
      axfrOutcome({ error: { kind: "malformed", message: "connection closed inside a message" }, rcode: 0 }),
    ).toEqual({ status: "failed", detail: "malformed: connection closed inside a message" });
    expect(axfrOutcome({ error: { kind: "servfail", message: "x" }, rcode: 2 })).toEqual({
      status: "failed",
      detail: "SERVFAIL",
    });
    expect(axfrOutcome({ error: { kind: "refused", message: "transfer rejected (FORMERR)" }, rcode: 1 })).toEqual({
      status: "failed",
      detail: "FORMERR",
    });
  });
  it("calls a transfer without error allowed", () => {
    expect(axfrOutcome({ error: null, rcode: 0 })).toEqual({ status: "allowed", detail: null });
  });
});

describe("the outcome as text", () => {
  it("says refused, not failed, for a refusal, and failed for a broken transfer", () => {
    expect(axfrOutcomeText({ ...server, axfr: "refused", axfrRecords: 0, axfrDetail: "REFUSED" })).toBe(
      "AXFR refused by ns1.x.test. 192.0.2.1:53 (REFUSED)",
    );
    expect(axfrOutcomeText({ ...server, axfr: "failed", axfrRecords: 0, axfrDetail: "timeout: no answer" })).toBe(
      "AXFR failed from ns1.x.test. 192.0.2.1:53 (timeout: no answer)",
    );
    expect(axfrOutcomeText({ ...server, address: "2001:db8::1", axfr: "allowed", axfrRecords: 42 })).toBe(
      "AXFR allowed by ns1.x.test. [2001:db8::1]:53 (42 records)",
    );
    expect(axfrShort({ axfr: "refused", axfrRecords: 0, axfrDetail: "NOTAUTH" })).toBe("refused (NOTAUTH)");
    // A run stored before the detail was kept.
    expect(axfrShort({ axfr: "refused", axfrRecords: 0 })).toBe("refused");
    expect(axfrShort({ axfr: "not-tried", axfrRecords: 0 })).toBe("not tried");
  });
});

describe("a transfer a server declines, end to end", () => {
  let fake: FakeServer | null = null;
  let session: QuerySession | null = null;
  afterEach(async () => {
    session?.close();
    session = null;
    await fake?.close();
    fake = null;
  });
  const transferWith = async (handler: FakeHandler) => {
    fake = await startFakeServer(handler);
    session = new QuerySession({ allowPrivate: true, timeoutMs: 300, retries: 0 });
    const x = await axfr(session, {
      server: { name: "fake.", address: fake.address, port: fake.port },
      zone: name("x.test."),
      timeoutMs: 500,
    });
    return axfrOutcome(x);
  };
  const answerWith = (rcode: number): FakeHandler => {
    return (q) => {
      const query = dnsPacket.decode(Buffer.from(q));
      const reply = dnsPacket.encode({
        id: query.id,
        type: "response",
        flags: rcode,
        questions: query.questions,
      });
      return { kind: "send", packets: [Uint8Array.from(reply)] };
    };
  };
  it.each([
    [5, "REFUSED"],
    [9, "NOTAUTH"],
    [4, "NOTIMP"],
  ])("rcode %i is refused (%s)", async (rcode, detail) => {
    expect(await transferWith(answerWith(rcode))).toEqual({ status: "refused", detail });
  });
  it("silence is a failure", async () => {
    const o = await transferWith(() => ({ kind: "silence" }));
    expect(o.status).toBe("failed");
    expect(o.detail).toMatch(/^timeout: /);
  });
  it("a connection closed inside a message is a failure", async () => {
    const o = await transferWith(() => ({ kind: "raw-close", bytes: Uint8Array.of(0, 40, 1, 2, 3) }));
    expect(o.status).toBe("failed");
  });
});
