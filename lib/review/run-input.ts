/**
 * What a person enters to start a live check (issue 4 §3): the old servers
 * (empty = walk the delegation), the new operator's servers as
 * `name=address[:port]`, and operator options. Validated with zod; the
 * route handler answers 422 with these issues.
 */
import { isIP } from "node:net";
import { z } from "zod";
import type { ExplicitServer } from "../dns/run-snapshot";
import { parseRootHints } from "../dns/root-hints";

export type ServerLine = { ok: true; server: ExplicitServer } | { ok: false; message: string };

const HOST = /^(?=.{1,253}\.?$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?$/i;

/** `ns1.example.=192.0.2.1`, `ns1.example=192.0.2.1:5353`, `ns2.example=[2001:db8::1]:53`, `ns2.example=2001:db8::1`. */
export function parseServerLine(line: string): ServerLine {
  const t = line.trim();
  const eq = t.indexOf("=");
  if (eq < 1) return { ok: false, message: `"${t}": expected name=address[:port]` };
  const name = t.slice(0, eq).trim();
  let rest = t.slice(eq + 1).trim();
  if (!HOST.test(name)) return { ok: false, message: `"${name}" is not a host name` };
  let port: number | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracket) {
    rest = bracket[1];
    if (bracket[2]) port = Number(bracket[2]);
  } else if (isIP(rest) !== 6) {
    const m = /^([^:]+):(\d+)$/.exec(rest);
    if (m) {
      rest = m[1];
      port = Number(m[2]);
    }
  }
  if (!isIP(rest)) return { ok: false, message: `"${rest}" is not an IPv4 or IPv6 address` };
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) return { ok: false, message: `port ${port} is out of range` };
  const fqdn = name.endsWith(".") ? name.toLowerCase() : name.toLowerCase() + ".";
  return { ok: true, server: port === undefined ? { name: fqdn, address: rest } : { name: fqdn, address: rest, port } };
}

/** Presentation form, the inverse of parseServerLine. */
export function serverLineText(s: ExplicitServer): string {
  const addr = s.address.includes(":") && s.port !== undefined ? `[${s.address}]` : s.address;
  return `${s.name}=${addr}${s.port !== undefined ? `:${s.port}` : ""}`;
}

const serverList = (field: string) =>
  z
    .string()
    .max(10_000)
    .transform((text, ctx) => {
      const out: ExplicitServer[] = [];
      for (const line of text.split(/[\n,]+/)) {
        if (!line.trim()) continue;
        const r = parseServerLine(line);
        if (r.ok) out.push(r.server);
        else ctx.addIssue({ code: "custom", message: r.message, path: [] });
      }
      if (out.length > 32) ctx.addIssue({ code: "custom", message: `at most 32 ${field}`, path: [] });
      return out;
    });

export const StartRunInputSchema = z.strictObject({
  oldServers: serverList("old servers").default([]),
  newServers: serverList("new servers").default([]),
  /** Operator setting (DESIGN §5): loopback/private destinations are refused unless allowed (the lab needs them). */
  allowPrivate: z.boolean().default(false),
  port: z.coerce.number().int().min(1).max(65535).default(53),
  /** Root hints text for lab use; empty = the built-in IANA hints. */
  rootHints: z
    .string()
    .max(64_000)
    .default("")
    .superRefine((t, ctx) => {
      if (!t.trim()) return;
      const h = parseRootHints(t);
      if (!h.ok) ctx.addIssue({ code: "custom", message: `root hints line ${h.line}: ${h.message}` });
    }),
  /** Sustained queries per second per server address (DESIGN §5 "Load"); a low value slows a run down. */
  ratePerServer: z.coerce.number().min(0.5).max(10_000).optional(),
});

export type StartRunInput = z.output<typeof StartRunInputSchema>;

/** Options stored with the run (never secrets). */
export interface RunOptions {
  allowPrivate: boolean;
  port: number;
  rootHints: string;
  ratePerServer?: number;
}
