import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { TsigKey, TsigVerifier, signRequest } from "./tsig";
import { encodeQuery } from "./encode-query";
import { name } from "../zone/name";

const key = () => TsigKey.from("k.", "hmac-sha256", Buffer.from("0123456789abcdef").toString("base64")) as TsigKey;

describe("TSIG", () => {
  it("signs a request with a TSIG RR and bumps ARCOUNT", () => {
    const q = encodeQuery({ id: 0x1234, name: name("example.test"), type: 252, ednsUdpSize: null });
    const { message, mac } = signRequest({ msg: q, key: key(), now: 1_700_000_000 });
    expect(message[11]).toBe(1);
    expect(mac.length).toBe(32);
    // key name "k." then type 250 class 255
    expect(Buffer.from(message.subarray(q.length, q.length + 7)).toString("hex")).toBe("016b0000fa00ff");
  });

  it("verifies a response a peer signed with the same key, and rejects a tampered one", () => {
    const now = 1_700_000_000;
    const q = encodeQuery({ id: 7, name: name("example.test"), type: 252, ednsUdpSize: null });
    const req = signRequest({ msg: q, key: key(), now });
    // The server's view: an answer signed over request MAC + answer + variables.
    const answer = Uint8Array.from(q);
    answer[2] = 0x84;
    const signed = signResponse(answer, req.mac, now);
    expect(new TsigVerifier(key(), req.mac, () => now).verify(signed)).toBeNull();
    const tampered = Uint8Array.from(signed);
    tampered[3] ^= 1;
    expect(new TsigVerifier(key(), req.mac, () => now).verify(tampered)).toMatch(/does not verify/);
    expect(new TsigVerifier(key(), req.mac, () => now + 3600).verify(signed)).toMatch(/fudge/);
  });

  it("never prints or serialises the secret", () => {
    const k = key();
    const secret = Buffer.from("0123456789abcdef").toString("base64");
    expect(JSON.stringify(k)).not.toContain(secret);
    expect(inspect(k)).not.toContain(secret);
    expect(inspect(k)).toContain("redacted");
  });

  it("rejects unsupported algorithms and bad secrets", () => {
    expect(TsigKey.parse("k:hmac-md5:AAAA")).toMatch(/unsupported/);
    expect(TsigKey.parse("k:hmac-sha256:!!")).toMatch(/base64/);
    expect(TsigKey.parse("nocolons")).toMatch(/NAME:ALGORITHM/);
  });
});

/** Response signing as a server does it (RFC 8945 §5.3): MAC over request MAC, message, variables. */
function signResponse(msg: Uint8Array, requestMac: Buffer, now: number): Uint8Array {
  const len = Buffer.alloc(2);
  len.writeUInt16BE(requestMac.length);
  // signRequest MACs its input + the TSIG variables; feeding it MAC length + MAC + message gives the response MAC.
  const { message } = signRequestLike(Buffer.concat([len, requestMac, msg]), msg, now);
  return message;
}

function signRequestLike(covered: Buffer, msg: Uint8Array, now: number): { message: Uint8Array } {
  // Reuse signRequest's RR layout: sign `covered`, then graft the TSIG RR onto `msg`.
  const s = signRequest({ msg: covered, key: key(), now });
  const rr = s.message.subarray(covered.length);
  const out = Buffer.concat([msg, rr]);
  out.writeUInt16BE(((msg[10] << 8) | msg[11]) + 1, 10);
  // signRequest wrote covered's first two bytes as the original ID; restore the message's own ID.
  const idPos = out.length - 6;
  out.writeUInt16BE((msg[0] << 8) | msg[1], idPos);
  return { message: out };
}
