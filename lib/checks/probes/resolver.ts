/**
 * The small resolver the PTR probe needs: reverse (address → PTR names) and
 * forward (name → addresses). Injectable; the default resolves iteratively
 * from the run's root hints with RD=0 queries only (lib/dns iterate), so a
 * lab with its own root works and no recursive server is trusted.
 */
import { isIP } from "node:net";
import { iterate, resolveAddresses, type IterateContext } from "../../dns/iterate";
import { nameToText, namesEqual, name as wire } from "../../zone/name";

export interface Resolver {
  /** PTR names of an address ([] when the reverse name does not exist or has no PTR). Rejects when resolution fails. */
  reverse(address: string): Promise<string[]>;
  /** A and AAAA of a name (lowercase presentation of addresses). */
  addresses(name: string): Promise<string[]>;
}

/** The reverse-mapping name of an address: in-addr.arpa (RFC 1035 §3.5) or ip6.arpa (RFC 3596 §2.5). */
export function reverseName(address: string): string | null {
  if (isIP(address) === 4) return address.split(".").reverse().join(".") + ".in-addr.arpa.";
  if (isIP(address) !== 6) return null;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = [...h, ...(address.includes("::") ? Array(8 - h.length - t.length).fill("0") : []), ...t];
  return (
    groups
      .map((g) => g.padStart(4, "0"))
      .join("")
      .split("")
      .reverse()
      .join(".") + ".ip6.arpa."
  );
}

const PTR = 12;
const CNAME = 5;

export function iterativeResolver(ctx: IterateContext): Resolver {
  return {
    async reverse(address) {
      const rn = reverseName(address);
      if (!rn) throw new Error(`not an IP address: ${address}`);
      let q = wire(rn);
      // RFC 2317 classless delegation answers with a CNAME into the delegated reverse zone: follow a few.
      for (let hop = 0; hop < 4; hop++) {
        const r = await iterate({ ...ctx, dnssecOk: false }, { qname: q, qtype: PTR });
        if (!r.final) throw new Error(r.problem ?? `no answer for ${rn}`);
        if (r.final.rcode === 3) return [];
        const ans = r.final.records.filter((x) => x.section === "answer");
        const ptr = ans
          .filter((x) => x.type === PTR && namesEqual(x.owner, q))
          .map((x) => nameToText(x.rdata).toLowerCase());
        if (ptr.length) return ptr.sort();
        const cname = ans.find((x) => x.type === CNAME && namesEqual(x.owner, q));
        if (!cname) return [];
        q = cname.rdata;
      }
      throw new Error(`CNAME chain too long at ${rn}`);
    },
    async addresses(name) {
      const r = await resolveAddresses(ctx, wire(name.endsWith(".") ? name : name + "."));
      return r.addresses;
    },
  };
}
