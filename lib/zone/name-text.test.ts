import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameKey, nameToText, parseName } from "./name";

/** The character-by-character forms these functions had: the flat-string versions must give the same text. */
function referenceText(wire: Uint8Array): string {
  let s = "";
  let i = 0;
  while (i < wire.length && wire[i] !== 0) {
    for (let j = i + 1; j <= i + wire[i]; j++) {
      const c = wire[j];
      if (c <= 0x20 || c >= 0x7f) s += "\\" + String(c).padStart(3, "0");
      else if ([0x2e, 0x5c, 0x22, 0x28, 0x29, 0x3b, 0x40, 0x24].includes(c)) s += "\\" + String.fromCharCode(c);
      else s += String.fromCharCode(c);
    }
    s += ".";
    i += wire[i] + 1;
  }
  return s === "" ? "." : s;
}

function referenceKey(wire: Uint8Array): string {
  let s = "";
  for (const c of wire) s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
  return s;
}

const label = fc.uint8Array({ minLength: 1, maxLength: 63 });
const wireName = fc.array(label, { minLength: 0, maxLength: 4 }).map((ls) => {
  const parts: number[] = [];
  for (const l of ls) parts.push(l.length, ...l);
  parts.push(0);
  return Uint8Array.from(parts);
});

describe("names as text and keys", () => {
  it("presentation text and comparison key of ordinary names", () => {
    const w = parseName("WWW.Example.TEST.", null);
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect(nameToText(w.wire)).toBe("WWW.Example.TEST.");
    expect(nameKey(w.wire)).toBe(referenceKey(w.wire));
    expect(nameToText(Uint8Array.of(0))).toBe(".");
    // Escapes (RFC 1035 §5.1): a dot inside a label, a space, a non-ASCII octet.
    expect(nameToText(Uint8Array.of(3, 0x61, 0x2e, 0x62, 2, 0x20, 0xff, 0))).toBe("a\\.b.\\032\\255.");
  });

  it("property: the same text and key as built character by character", () => {
    fc.assert(
      fc.property(wireName, (w) => {
        expect(nameToText(w)).toBe(referenceText(w));
        expect(nameKey(w)).toBe(referenceKey(w));
      }),
      { numRuns: 2000 },
    );
  });
});
