/**
 * A clean move of a generated zone on real nameservers, for the browser: the
 * same zone `npm run bench:check` generates, served the way that benchmark
 * serves it — the old operator on two servers (the primary allows AXFR, the
 * secondary refuses it), the new operator on two servers with the same data
 * under its own apex NS and SOA (both allow AXFR), all delegated from a lab
 * root and TLD. NSD and Knot only: they bind any 127.0.0.0/8 address, so the
 * lab keeps to its own block (BIND listens on interface addresses only).
 */
import { execFileSync } from "node:child_process";
import { startNameservers, type Nameservers, type ServerSpec } from "../../lib/lab/lab";
// The benchmark's zone generator (one import, so a move of the bench folder is one line here).
import { checkZone, childZone } from "../../lib/dns/bench/check-zone";

export interface CleanMoveLab {
  zone: string;
  /** Names in the zone, apex included. */
  names: number;
  port: number;
  /** Root hints as the form's "Root hints" field takes them. */
  rootHints: string;
  /** The new operator's servers as a user types them into the form (name=address, one per line). */
  newServers: string;
  /** `dig AXFR` of the old primary: the export a user uploads. */
  exportText(): string;
  stop(): Promise<void>;
}

export interface CleanMoveOptions {
  /** Absolute zone name, e.g. "move-1a2b.test.". */
  zone: string;
  hosts: number;
  /** Six addresses (.1 to .6) are taken from this /24 prefix, e.g. "127.0.45". */
  block: string;
}

export async function startCleanMoveLab(opts: CleanMoveOptions): Promise<CleanMoveLab> {
  const { zone, block } = opts;
  const addr = {
    oldPrimary: `${block}.1`,
    oldSecondary: `${block}.2`,
    new1: `${block}.3`,
    new2: `${block}.4`,
    root: `${block}.5`,
    tld: `${block}.6`,
  };
  const oldNs = ["ns1.oldhost.test.", "ns2.oldhost.test."];
  const newNs = ["ns1.newhost.test.", "ns2.newhost.test."];
  const oldZone = checkZone({
    zone,
    hosts: opts.hosts,
    ns: oldNs,
    mname: oldNs[0],
    serial: 2026120101,
    childAddress: addr.oldPrimary,
  });
  const newZone = checkZone({
    zone,
    hosts: opts.hosts,
    ns: newNs,
    mname: newNs[0],
    serial: 7,
    childAddress: addr.oldPrimary,
  });
  const soa = (o: string) => `${o} 86400 IN SOA a.root.lab. hostmaster.lab. 1 7200 900 1209600 300\n`;
  const root = `$TTL 86400\n${soa(".")}. IN NS a.root.lab.\na.root.lab. IN A ${addr.root}\ntest. IN NS ns.tld.lab.\nns.tld.lab. IN A ${addr.tld}\n`;
  const tld =
    `$TTL 86400\n${soa("test.")}test. IN NS ns.tld.lab.\n` +
    oldNs.map((n) => `${zone} 172800 IN NS ${n}`).join("\n") +
    `\nns1.oldhost.test. IN A ${addr.oldPrimary}\nns2.oldhost.test. IN A ${addr.oldSecondary}\nns1.newhost.test. IN A ${addr.new1}\nns2.newhost.test. IN A ${addr.new2}\n`;
  const specs: ServerSpec[] = [
    {
      role: "old-primary",
      impl: "knot",
      names: [oldNs[0]],
      address: addr.oldPrimary,
      zones: { [zone]: oldZone.text, [`sub.${zone}`]: childZone(zone, addr.oldPrimary) },
      transfer: "any",
    },
    {
      role: "old-secondary",
      impl: "nsd",
      names: [oldNs[1]],
      address: addr.oldSecondary,
      zones: { [zone]: oldZone.text },
      transfer: "none",
    },
    {
      role: "new-1",
      impl: "knot",
      names: [newNs[0]],
      address: addr.new1,
      zones: { [zone]: newZone.text },
      transfer: "any",
    },
    {
      role: "new-2",
      impl: "nsd",
      names: [newNs[1]],
      address: addr.new2,
      zones: { [zone]: newZone.text },
      transfer: "any",
    },
    { role: "lab-root", impl: "knot", names: ["a.root.lab."], address: addr.root, zones: { ".": root } },
    { role: "lab-tld", impl: "nsd", names: ["ns.tld.lab."], address: addr.tld, zones: { "test.": tld } },
  ];
  const ns: Nameservers = await startNameservers(specs, { readyMs: 120_000 });
  return {
    zone,
    names: oldZone.names,
    port: ns.port,
    rootHints: `. NS a.root.lab.\na.root.lab. A ${addr.root}\n`,
    newServers: `${newNs[0]}=${addr.new1}\n${newNs[1]}=${addr.new2}`,
    exportText: () =>
      execFileSync(
        "dig",
        ["+noall", "+answer", "+nocookie", "-p", String(ns.port), `@${addr.oldPrimary}`, zone, "AXFR"],
        { encoding: "utf8", maxBuffer: 1 << 26 },
      ),
    stop: () => ns.stop(),
  };
}
