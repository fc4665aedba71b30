/**
 * A copy of a generated benchmark zone (generate-zone.ts) with `changes`
 * records changed, deterministically and spread over the whole file:
 * 60 % RDATA edits (an A address or a TXT string), 20 % TTL changes (an
 * explicit TTL on a single-record CAA RRset), 10 % deletions (SRV lines)
 * and 10 % new records appended. The diff benchmark compares the two files.
 */
export interface ChangedZone {
  text: string;
  changed: { rdata: number; ttl: number; deleted: number; added: number };
}

type Kind = "rdata" | "ttl" | "deleted";

export function changeZone(text: string, changes = 1000): ChangedZone {
  const lines = text.split("\n");
  const changed = { rdata: 0, ttl: 0, deleted: 0, added: 0 };
  const quota: Record<Kind, number> = {
    rdata: Math.round(changes * 0.6),
    ttl: Math.round(changes * 0.2),
    deleted: Math.round(changes * 0.1),
  };
  const inPlace = quota.rdata + quota.ttl + quota.deleted;
  const step = Math.max(1, Math.floor(lines.length / inPlace));
  // The kinds in rotation, in proportion to their quotas.
  const order: Kind[] = [];
  for (let i = 0; i < 9; i++) order.push(i < 6 ? "rdata" : i < 8 ? "ttl" : "deleted");
  let turn = 0;
  let due = step;
  for (let i = 0; i < lines.length && turn < inPlace; i++) {
    if (i < due) continue;
    const kind = order[turn % order.length];
    const line = lines[i];
    let edited: string | null = null;
    if (kind === "rdata") {
      const a = /^(.*\bA 10\.\d+\.\d+\.)(\d+)$/.exec(line);
      if (a) edited = `${a[1]}${(Number(a[2]) + 1) % 256}`;
      else if (line.includes('TXT "verify=')) edited = line.replace('"verify=', '"verify=changed-');
    } else if (kind === "ttl") {
      const caa = /^(\S+) CAA (.*)$/.exec(line);
      if (caa) edited = `${caa[1]} 7777 CAA ${caa[2]}`;
    } else if (/^_sip\._tcp\.\S+ SRV /.test(line)) {
      edited = "; deleted";
    }
    if (edited === null) continue; // try the next line for this kind
    lines[i] = edited;
    changed[kind]++;
    turn++;
    due = i + step;
  }
  const extra: string[] = [];
  while (changed.rdata + changed.ttl + changed.deleted + changed.added < changes) {
    extra.push(`added-${changed.added} IN A 10.254.${changed.added >> 8}.${changed.added & 255}`);
    changed.added++;
  }
  return { text: lines.join("\n").replace(/\n*$/, "\n") + extra.map((l) => l + "\n").join(""), changed };
}
