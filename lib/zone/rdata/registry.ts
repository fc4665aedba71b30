/**
 * Type number -> codec. Types absent here are RFC 3597 generic only.
 *
 * `lower` marks the types whose embedded names are lowercased in canonical
 * form: RFC 4034 §6.2 as amended by RFC 6840 §5.1 (NSEC dropped) — NS, MD,
 * MF, CNAME, SOA, MB, MG, MR, PTR, MINFO, MX, RP, AFSDB, RT, SIG, PX, NXT,
 * NAPTR, KX, SRV, DNAME, A6, RRSIG. Not SVCB/HTTPS targets, not NSEC next
 * names, not IPSECKEY/HIP/LP/TALINK/DSYNC/ALIAS names.
 */
import { T } from "../rrtype";
import { APL } from "./apl";
import { CAA } from "./caa";
import { type Codec, OPAQUE, fromFields } from "./codec";
import {
  ALGORITHM,
  BITMAP,
  DURATION,
  CSTRING,
  CSTRINGS,
  HASH32,
  ILNP64,
  IPV4,
  IPV6,
  SALT,
  STRING_REST,
  TIME,
  TYPE_FIELD,
  U16,
  U32,
  U8,
  base64Field,
  euiField,
  hexField,
  mnemonicField,
  nameField,
} from "./fields";
import { HIP } from "./hip";
import { AMTRELAY, IPSECKEY } from "./ipseckey";
import { A6, GPOS, NSAP, NXT, WKS } from "./legacy";
import { LOC } from "./loc";
import { LUA } from "./lua";
import { HTTPS, SVCB } from "./svcb";

const name = (lower: boolean) => fromFields(lower, nameField("name", lower));
const prefName = (lower: boolean) => fromFields(lower, U16("preference"), nameField("name", lower));
const twoNames = (lower: boolean) => fromFields(lower, nameField("first name", lower), nameField("second name", lower));
const text = fromFields(false, CSTRINGS);

/** DS and friends (RFC 4034 §5.3): key tag, algorithm, digest type, hex digest. */
const ds = fromFields(false, U16("key tag"), ALGORITHM, U8("digest type"), hexField("digest", true));
/** CDS: "0" also stands for an empty digest: the RFC 8078 §4 delete form "CDS 0 0 0 0" as published, read so by simdzone (quirks.md §cds-delete). */
const cds = fromFields(false, U16("key tag"), ALGORITHM, U8("digest type"), hexField("digest", true, true));
/** DNSKEY and friends (RFC 4034 §2.2): flags, protocol, algorithm, base64 key. */
const dnskey = fromFields(false, U16("flags"), U8("protocol"), ALGORITHM, base64Field("public key", true));
/** CDNSKEY: "0"/"-" for an empty key (RFC 8078 §4 delete, "CDNSKEY 0 3 0 0"). */
const cdnskey = fromFields(false, U16("flags"), U8("protocol"), ALGORITHM, base64Field("public key", true, true));
/** RRSIG/SIG (RFC 4034 §3.2). */
const rrsig = fromFields(
  true,
  TYPE_FIELD,
  ALGORITHM,
  U8("labels"),
  U32("original TTL"),
  TIME("signature expiration"),
  TIME("signature inception"),
  U16("key tag"),
  nameField("signer name", true),
  base64Field("signature", true),
);
/** TLSA/SMIMEA (RFC 6698 §2.2, RFC 8162). */
const tlsa = fromFields(false, U8("usage"), U8("selector"), U8("matching type"), hexField("data", true));

/** CERT types (RFC 4398 §2.1). */
const CERT_TYPES: Record<string, number> = {
  PKIX: 1,
  SPKI: 2,
  PGP: 3,
  IPKIX: 4,
  ISPKI: 5,
  IPGP: 6,
  ACPKIX: 7,
  IACPKIX: 8,
  URI: 253,
  OID: 254,
};

const CODECS = new Map<number, Codec>([
  [T.A, fromFields(false, IPV4)],
  [T.NS, name(true)],
  [T.MD, name(true)],
  [T.MF, name(true)],
  [T.CNAME, name(true)],
  [
    T.SOA,
    fromFields(
      true,
      nameField("primary server", true),
      nameField("responsible mailbox", true),
      U32("serial"),
      DURATION("refresh"),
      DURATION("retry"),
      DURATION("expire"),
      DURATION("minimum"),
    ),
  ],
  [T.MB, name(true)],
  [T.MG, name(true)],
  [T.MR, name(true)],
  [T.NULL, OPAQUE],
  [T.WKS, WKS],
  [T.PTR, name(true)],
  [T.HINFO, fromFields(false, CSTRING("CPU"), CSTRING("OS"))],
  [T.MINFO, twoNames(true)],
  [T.MX, prefName(true)],
  [T.TXT, text],
  [T.RP, twoNames(true)],
  [T.AFSDB, fromFields(true, U16("subtype"), nameField("hostname", true))],
  [T.X25, fromFields(false, CSTRING("PSDN address"))],
  [
    T.ISDN,
    {
      // ISDN (RFC 1183 §3.2): address and an optional subaddress.
      lower: false,
      parse(c) {
        CSTRING("ISDN address").parse(c);
        if (c.more()) CSTRING("subaddress").parse(c);
      },
      check: CSTRINGS.check,
      format: CSTRINGS.format,
    },
  ],
  [T.RT, prefName(true)],
  [T.NSAP, NSAP],
  [T.NSAP_PTR, name(false)],
  [T.SIG, rrsig],
  [T.KEY, dnskey],
  [T.PX, fromFields(true, U16("preference"), nameField("MAP822", true), nameField("MAPX400", true))],
  [T.GPOS, GPOS],
  [T.AAAA, fromFields(false, IPV6)],
  [T.LOC, LOC],
  [T.NXT, NXT],
  [T.EID, fromFields(false, hexField("endpoint identifier", true))],
  [T.NIMLOC, fromFields(false, hexField("locator", true))],
  [T.SRV, fromFields(true, U16("priority"), U16("weight"), U16("port"), nameField("target", true))],
  [
    T.NAPTR,
    fromFields(
      true,
      U16("order"),
      U16("preference"),
      CSTRING("flags"),
      CSTRING("services"),
      CSTRING("regexp"),
      nameField("replacement", true),
    ),
  ],
  [T.KX, prefName(true)],
  [
    T.CERT,
    fromFields(
      false,
      mnemonicField(16, "certificate type", CERT_TYPES),
      U16("key tag"),
      ALGORITHM,
      base64Field("certificate", true),
    ),
  ],
  [T.A6, A6],
  [T.DNAME, name(true)],
  [T.SINK, fromFields(false, U8("coding"), U8("subcoding"), base64Field("data", false))],
  [T.APL, APL],
  [T.DS, ds],
  [T.SSHFP, fromFields(false, U8("algorithm"), U8("fingerprint type"), hexField("fingerprint", true))],
  [T.IPSECKEY, IPSECKEY],
  [T.RRSIG, rrsig],
  [T.NSEC, fromFields(false, nameField("next domain name", false), BITMAP)],
  [T.DNSKEY, dnskey],
  [T.DHCID, fromFields(false, base64Field("digest", true))],
  [T.NSEC3, fromFields(false, U8("hash algorithm"), U8("flags"), U16("iterations"), SALT, HASH32, BITMAP)],
  [T.NSEC3PARAM, fromFields(false, U8("hash algorithm"), U8("flags"), U16("iterations"), SALT)],
  [T.TLSA, tlsa],
  [T.SMIMEA, tlsa],
  [T.HIP, HIP],
  [T.NINFO, text],
  [T.RKEY, dnskey],
  [T.TALINK, twoNames(false)],
  [T.CDS, cds],
  [T.CDNSKEY, cdnskey],
  [T.OPENPGPKEY, fromFields(false, base64Field("key", true))],
  [T.CSYNC, fromFields(false, U32("serial"), U16("flags"), BITMAP)],
  [T.ZONEMD, fromFields(false, U32("serial"), U8("scheme"), U8("hash algorithm"), hexField("digest", true))],
  [T.SVCB, SVCB],
  [T.HTTPS, HTTPS],
  // DSYNC (RFC 9859): scheme 1 = NOTIFY.
  [
    T.DSYNC,
    fromFields(false, TYPE_FIELD, mnemonicField(8, "scheme", { NOTIFY: 1 }), U16("port"), nameField("target", false)),
  ],
  [T.HHIT, fromFields(false, base64Field("data", true))],
  [T.BRID, fromFields(false, base64Field("data", true))],
  [T.SPF, text],
  [T.UINFO, fromFields(false, CSTRING("user info"))],
  [T.UID, fromFields(false, U32("uid"))],
  [T.GID, fromFields(false, U32("gid"))],
  [T.UNSPEC, OPAQUE],
  [T.NID, fromFields(false, U16("preference"), ILNP64)],
  [T.L32, fromFields(false, U16("preference"), IPV4)],
  [T.L64, fromFields(false, U16("preference"), ILNP64)],
  [T.LP, fromFields(false, U16("preference"), nameField("FQDN", false))],
  [T.EUI48, fromFields(false, euiField(6))],
  [T.EUI64, fromFields(false, euiField(8))],
  [T.URI, fromFields(false, U16("priority"), U16("weight"), STRING_REST("target", false))],
  [T.CAA, CAA],
  [T.AVC, text],
  [
    T.DOA,
    fromFields(
      false,
      U32("enterprise"),
      U32("type"),
      U8("location"),
      CSTRING("media type"),
      base64Field("data", false, true),
    ),
  ],
  [T.AMTRELAY, AMTRELAY],
  [T.RESINFO, text],
  [T.WALLET, text],
  [T.TA, ds],
  [T.DLV, ds],
  [T.ALIAS, name(false)],
  [T.LUA, LUA],
]);

export function codecFor(type: number): Codec | undefined {
  return CODECS.get(type);
}
