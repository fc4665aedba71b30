import dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { name } from "../zone/name";
import { queryServer } from "./query-server";
import { QuerySession, type SessionOptions } from "./session";
import { startFakeServer, type FakeHandler, type FakeServer } from "./testing/fake-server";
import type { Question } from "./types";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const Q: Question = { name: name("www.example.test"), type: 1, class: 1 };

let server: FakeServer | null = null;
let session: QuerySession | null = null;
afterEach(async () => {
  session?.close();
  session = null;
  await server?.close();
  server = null;
});

async function ask(handler: FakeHandler, opts: SessionOptions = {}, q: Question = Q) {
  server = await startFakeServer(handler);
  session = new QuerySession({ allowPrivate: true, timeoutMs: 300, retries: 1, backoffMs: 10, ...opts });
  return queryServer(session, { name: "fake.", address: server.address, port: server.port }, q);
}

function answerFor(query: Uint8Array, extra: Partial<dnsPacket.Packet> = {}): Uint8Array {
  const q = dnsPacket.decode(Buffer.from(query));
  return dnsPacket.encode({
    id: q.id,
    type: "response",
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: q.questions,
    answers: [{ type: "A", name: "www.example.test", ttl: 300, data: "192.0.2.7" }],
    ...extra,
  } as dnsPacket.Packet);
}

/** A response header + the query's question, followed by raw answer bytes. */
function rawAnswer(query: Uint8Array, answerBytes: number[], ancount = 1): Uint8Array {
  const qlen = query.length - 11; // query ends with an 11-byte OPT record
  const out = new Uint8Array(qlen + answerBytes.length);
  out.set(query.subarray(0, qlen));
  out[2] = 0x84; // QR, AA
  out[3] = 0;
  out[7] = ancount;
  out[11] = 0;
  out.set(answerBytes, qlen);
  return out;
}

describe("queryServer against a fake server", () => {
  it("stores a matching answer as evidence with wire RDATA and flags", async () => {
    const a = await ask((q) => ({ kind: "send", packets: [answerFor(q)] }));
    expect(a.error).toBeNull();
    expect(a.rcode).toBe(0);
    expect(a.flags?.aa).toBe(true);
    expect(a.transport).toBe("udp");
    expect(a.records).toHaveLength(1);
    expect(hex(a.records[0].rdata)).toBe("c0000207");
    expect(hex(a.records[0].owner)).toBe(hex(Q.name));
    expect(a.records[0].ttl).toBe(300);
    expect(a.records[0].section).toBe("answer");
  });

  it("sends RD=0 with EDNS 1232 and a random ID", async () => {
    const seen: dnsPacket.Packet[] = [];
    await ask((q) => {
      seen.push(dnsPacket.decode(Buffer.from(q)));
      return { kind: "send", packets: [answerFor(q)] };
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].flags! & dnsPacket.RECURSION_DESIRED).toBe(0);
    const opt = seen[0].additionals?.find((r) => r.type === "OPT") as { udpPayloadSize: number } | undefined;
    expect(opt?.udpPayloadSize).toBe(1232);
  });

  it("discards answers with a wrong ID and keeps waiting", async () => {
    const a = await ask((q) => {
      const bad = answerFor(q);
      const wrong = Uint8Array.from(bad);
      wrong[0] ^= 0xff;
      return { kind: "send", packets: [wrong, bad] };
    });
    expect(a.error).toBeNull();
    expect(a.mismatches).toBe(1);
  });

  it("records id-mismatch when only wrong answers arrive", async () => {
    const a = await ask((q) => {
      const wrong = Uint8Array.from(answerFor(q));
      wrong[1] ^= 0x01;
      return { kind: "send", packets: [wrong] };
    });
    expect(a.error?.kind).toBe("id-mismatch");
    expect(a.mismatches).toBe(2); // one per attempt
  });

  it("ignores answers for another question", async () => {
    const a = await ask((q) => {
      const d = dnsPacket.decode(Buffer.from(q));
      return { kind: "send", packets: [answerFor(q, { questions: [{ ...d.questions![0], name: "other.test" }] })] };
    });
    expect(a.error?.kind).toBe("id-mismatch");
  });

  it("turns a compression-pointer loop into a malformed error", async () => {
    // owner name: pointer to itself at offset of the answer section start
    const a = await ask((q) => {
      const off = q.length - 11;
      return {
        kind: "send",
        packets: [rawAnswer(q, [0xc0 | (off >> 8), off & 0xff, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4])],
      };
    });
    expect(a.error?.kind).toBe("malformed");
    expect(a.error?.message).toMatch(/pointer/);
  });

  it("turns an out-of-bounds pointer inside RDATA into malformed", async () => {
    // CNAME whose target points past the message end
    const a = await ask((q) => ({
      kind: "send",
      packets: [rawAnswer(q, [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xcf, 0xff])],
    }));
    expect(a.error?.kind).toBe("malformed");
  });

  it("turns a truncated packet into malformed", async () => {
    const a = await ask((q) => ({ kind: "send", packets: [answerFor(q).subarray(0, 40)] }));
    expect(a.error?.kind).toBe("malformed");
  });

  it("decompresses names inside MX RDATA (RFC 3597 §4)", async () => {
    // MX 10 <pointer to qname at 12>
    const a = await ask(
      (q) => ({ kind: "send", packets: [rawAnswer(q, [0xc0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 4, 0, 10, 0xc0, 12])] }),
      {},
      { ...Q, type: 15 },
    );
    expect(a.error).toBeNull();
    expect(hex(a.records[0].rdata)).toBe("000a" + hex(Q.name));
  });

  it("retries over TCP when the UDP answer is truncated", async () => {
    const a = await ask((q, t) =>
      t === "udp"
        ? { kind: "send", packets: [answerFor(q, { flags: dnsPacket.TRUNCATED_RESPONSE, answers: [] })] }
        : { kind: "send", packets: [answerFor(q)] },
    );
    expect(a.error).toBeNull();
    expect(a.transport).toBe("tcp");
    expect(a.records).toHaveLength(1);
    expect(server!.received).toEqual({ udp: 1, tcp: 1 });
  });

  it("records truncated-loop when TCP answers are truncated too", async () => {
    const a = await ask((q) => ({
      kind: "send",
      packets: [answerFor(q, { flags: dnsPacket.TRUNCATED_RESPONSE, answers: [] })],
    }));
    expect(a.error?.kind).toBe("truncated-loop");
    expect(server!.received).toEqual({ udp: 1, tcp: 1 });
  });

  it("records a timeout after limited retries when the server is silent", async () => {
    const a = await ask(() => ({ kind: "silence" }), { retries: 2 });
    expect(a.error?.kind).toBe("timeout");
    expect(a.attempts).toBe(3);
    expect(server!.received.udp).toBe(3);
  });

  it("bounds a slow TCP drip by the query timeout", async () => {
    const t0 = performance.now();
    const a = await ask((q) => ({ kind: "drip", packets: [answerFor(q)], intervalMs: 50 }), {
      tcpOnly: true,
      retries: 0,
    });
    expect(a.error?.kind).toBe("timeout");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("records malformed when a TCP stream closes inside a message", async () => {
    const a = await ask(() => ({ kind: "raw-close", bytes: Uint8Array.of(0, 40, 1, 2, 3) }), {
      tcpOnly: true,
      retries: 0,
    });
    expect(a.error?.kind).toBe("malformed");
  });

  it("maps REFUSED to a recorded error without retrying", async () => {
    const a = await ask((q) => ({ kind: "send", packets: [answerFor(q, { flags: 5, answers: [] })] }), { retries: 2 });
    expect(a.rcode).toBe(5);
    expect(a.error?.kind).toBe("refused");
    expect(a.attempts).toBe(1);
  });

  it("stops promptly on cancellation", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const t0 = performance.now();
    const a = await ask(() => ({ kind: "silence" }), { signal: ac.signal, timeoutMs: 5000, retries: 3 });
    expect(a.error?.kind).toBe("cancelled");
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("stops at the run deadline", async () => {
    const a = await ask(() => ({ kind: "silence" }), { deadlineMs: 150, timeoutMs: 5000 });
    expect(a.error?.kind).toBe("deadline");
  });

  it("refuses loopback destinations unless allowed, sending nothing", async () => {
    const a = await ask((q) => ({ kind: "send", packets: [answerFor(q)] }), { allowPrivate: false });
    expect(a.error?.kind).toBe("address-refused");
    expect(server!.received).toEqual({ udp: 0, tcp: 0 });
  });
});
