/**
 * One stored answer (lib/dns answerJson) as `dig`-style text, so a reviewer
 * reads the evidence the way they would read it in a terminal.
 */
import { rcodeName } from "../../dns/rcode";

export interface StoredRecord {
  section: "answer" | "authority" | "additional";
  owner: string;
  ttl: number;
  class: number;
  type: string;
  text: string;
}

export interface StoredAnswer {
  server: { name: string; address: string; port: number };
  transport: string;
  question: { name: string; type: string; class: number };
  rcode: number | null;
  flags: Record<string, boolean> | null;
  edns: { udpSize: number; do: boolean; version: number } | null;
  records: StoredRecord[];
  elapsedMs: number;
  error: { kind: string; message: string } | null;
  timestamp: string;
}

const cls = (c: number) => (c === 1 ? "IN" : `CLASS${c}`);

export function digText(a: StoredAnswer): string {
  const at = a.server.address.includes(":") ? `[${a.server.address}]` : a.server.address;
  const lines = [
    `; <<>> cutover <<>> @${at} -p ${a.server.port} ${a.question.name} ${a.question.type} +norecurse${a.transport === "tcp" ? " +tcp" : ""}`,
    `; server ${a.server.name}`,
  ];
  if (a.error || a.rcode === null) {
    lines.push(`;; ${a.error ? `${a.error.kind}: ${a.error.message}` : "no answer"}`);
  } else {
    const flags = a.flags
      ? Object.entries(a.flags)
          .filter(([, v]) => v)
          .map(([k]) => k)
          .join(" ")
      : "";
    const count = (s: string) => a.records.filter((r) => r.section === s).length;
    lines.push(`;; ->>HEADER<<- opcode: QUERY, status: ${rcodeName(a.rcode) ?? `RCODE${a.rcode}`}`);
    lines.push(
      `;; flags: ${flags}; QUERY: 1, ANSWER: ${count("answer")}, AUTHORITY: ${count("authority")}, ADDITIONAL: ${count("additional")}`,
    );
    if (a.edns)
      lines.push(
        "",
        ";; OPT PSEUDOSECTION:",
        `; EDNS: version: ${a.edns.version}, flags:${a.edns.do ? " do" : ""}; udp: ${a.edns.udpSize}`,
      );
    lines.push("", ";; QUESTION SECTION:", `;${a.question.name}\t\t${cls(a.question.class)}\t${a.question.type}`);
    for (const s of ["answer", "authority", "additional"] as const) {
      const rs = a.records.filter((r) => r.section === s);
      if (!rs.length) continue;
      lines.push("", `;; ${s.toUpperCase()} SECTION:`);
      for (const r of rs) lines.push(`${r.owner}\t${r.ttl}\t${cls(r.class)}\t${r.type}\t${r.text}`);
    }
  }
  lines.push(
    "",
    `;; Query time: ${Math.round(a.elapsedMs)} msec`,
    `;; SERVER: ${at}#${a.server.port}(${a.transport.toUpperCase()})`,
    `;; WHEN: ${a.timestamp}`,
  );
  return lines.join("\n");
}
