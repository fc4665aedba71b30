/**
 * A record type's codec: presentation <-> canonical wire. Most types are a
 * plain sequence of fields (fromFields); the rest are written by hand.
 */
import { R, W, type TextCursor } from "./core";
import type { Field } from "./fields";

export interface Codec {
  /** Presentation tokens -> wire appended to W (the caller checks for trailing tokens). */
  parse(c: TextCursor): void;
  /** Validate wire at R and append its canonical form to W (the caller checks R is exhausted). */
  check(): void;
  /** Wire at R -> presentation text. */
  format(): string;
  /**
   * Has embedded names lowercased in canonical form (RFC 4034 §6.2 list as
   * amended by RFC 6840 §5.1); canonicalRdata only rewrites these types.
   */
  lower: boolean;
}

export function fromFields(lower: boolean, ...fields: Field[]): Codec {
  return {
    lower,
    parse(c) {
      for (let i = 0; i < fields.length; i++) fields[i].parse(c);
    },
    check() {
      for (let i = 0; i < fields.length; i++) fields[i].check();
    },
    format() {
      let s = "";
      for (let i = 0; i < fields.length; i++) {
        const part = fields[i].format();
        if (part === "") continue;
        s = s === "" ? part : s + " " + part;
      }
      return s;
    },
  };
}

/** Codec that only exists in RFC 3597 generic form (NULL): any wire is valid. */
export const OPAQUE: Codec = {
  lower: false,
  parse(c) {
    c.fail("bad-rdata", "this type has no presentation format; use \\# generic RDATA (RFC 3597)", c.i);
  },
  check() {
    W.bytes(R.rest());
  },
  format() {
    // Signals "use the generic form" to rdataToText.
    return "";
  },
};
