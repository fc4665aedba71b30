/**
 * E-mail over SMTP (nodemailer), configured by CUTOVER_SMTP_URL (`smtp://user:pass@host:587`,
 * `smtps://…:465`) and CUTOVER_MAIL_FROM (default `Cutover <cutover@localhost>`). Without a URL e-mail is off:
 * nothing fails, callers say so and the link stays on screen to be copied. Plain text only: domain names,
 * party names and reasons are other people's data and are never markup.
 */
import nodemailer from "nodemailer";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { listPartyRows } from "../../db/checklist-schedule";
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { PARTY_ROLE_LABELS, type PartyRole } from "../../schedule/parties";
import type { WebhookEvent } from "../webhooks/deliver";
import { readEnvironment, type Environment } from "../../config/environment";

import type { Deps, Env } from "../use-case";

export type MailResult =
  | { status: "sent"; to: string[] }
  | { status: "off" }
  | { status: "no-address" }
  | { status: "failed"; message: string };

export function mailEnabled(env: Environment = readEnvironment()): boolean {
  return !!env.CUTOVER_SMTP_URL?.trim();
}

export async function sendMail(
  m: { to: string[]; subject: string; text: string },
  env: Environment = readEnvironment(),
): Promise<MailResult> {
  const url = env.CUTOVER_SMTP_URL?.trim();
  if (!url) return { status: "off" };
  if (m.to.length === 0) return { status: "no-address" };
  try {
    const transport = nodemailer.createTransport(url);
    await transport.sendMail({
      from: env.CUTOVER_MAIL_FROM?.trim() || "Cutover <cutover@localhost>",
      to: m.to,
      subject: m.subject,
      text: m.text,
    });
    transport.close();
    return { status: "sent", to: m.to };
  } catch (e) {
    return { status: "failed", message: (e as Error).message };
  }
}

/** One sentence for the page that issued the link. */
export function mailMessage(r: MailResult): string {
  switch (r.status) {
    case "sent":
      return `E-mailed to ${r.to.join(", ")}.`;
    case "off":
      return "E-mail is off on this server: copy the link and send it yourself.";
    case "no-address":
      return "No e-mail address for this party yet: copy the link and send it yourself.";
    case "failed":
      return `E-mail failed (${r.message}): copy the link and send it yourself.`;
  }
}

/** The e-mail addresses of the parties in `roles` (every party when null), each once. */
export async function contactsOf(transferId: string, roles: readonly string[] | null, db?: Db): Promise<string[]> {
  const parties = await listPartyRows(transferId, db);
  const to = parties
    .filter((p) => roles === null || roles.includes(p.role))
    .flatMap((p) => p.contacts.map((c) => c.email).filter((e): e is string => !!e));
  return [...new Set(to)];
}

const label = (role: string) => PARTY_ROLE_LABELS[role as PartyRole] ?? role;

/** A sign-off link to the contacts of its party, while the page still shows it once. Staff of the organisation. */
export async function mailSignoffLink(
  actor: Actor | null,
  input: { transferId: string; role: string; url: string; expiresAt?: string },
  deps: Deps = {},
): Promise<MailResult> {
  const o = { ...input, ...deps };
  const { transfer } = await requireStaff(actor, o.transferId, o.db);
  if (!mailEnabled(o.env)) return { status: "off" };
  return sendMail(
    {
      to: await contactsOf(o.transferId, [o.role], o.db),
      subject: `Sign-off requested: ${transfer.domainAscii} (${label(o.role)})`,
      text: `The move of ${transfer.domainAscii} from ${transfer.losingRegistrar} to ${transfer.gainingRegistrar} needs the sign-off of the ${label(o.role)}.\n\nRead the checklist and sign (or refuse) here:\n${o.url}\n\nThe link is personal: do not forward it.${o.expiresAt ? ` It is valid until ${o.expiresAt}.` : ""}\n`,
    },
    o.env,
  );
}

/** A maintainer invite to the address staff typed. */
export async function mailInvite(
  actor: Actor | null,
  input: { transferId: string; to: string; label: string; url: string; expiresAt: string },
  deps: Deps = {},
): Promise<MailResult> {
  const o = { ...input, ...deps };
  const { transfer } = await requireStaff(actor, o.transferId, o.db);
  if (!mailEnabled(o.env)) return { status: "off" };
  return sendMail(
    {
      to: [o.to],
      subject: `Upload the DNS exports of ${transfer.domainAscii}`,
      text: `Hello ${o.label},\n\n${transfer.gainingRegistrar} is preparing the move of ${transfer.domainAscii}. Please upload the zone exports you have and answer a few questions about the domain here:\n${o.url}\n\nThe link is personal and valid until ${o.expiresAt}; it opens this one domain only.\n`,
    },
    o.env,
  );
}

/** The events people are told about by e-mail too: a verdict that changed (every party), sign-offs made stale (those who signed). */
export async function mailEvent(event: WebhookEvent, o: { db?: Db; env?: Env } = {}): Promise<MailResult | null> {
  if (!event.transfer || !mailEnabled(o.env)) return null;
  const transfer = await getTransfer(event.transfer.id, o.db);
  if (!transfer) return null;
  if (event.type === "verdict.changed") {
    const d = event.data as { from: string; to: string };
    return sendMail(
      {
        to: await contactsOf(transfer.id, null, o.db),
        subject: `${transfer.domainAscii}: the verdict changed to ${d.to.toUpperCase()}`,
        text: `A new live check of ${transfer.domainAscii} turned the verdict from ${d.from.toUpperCase()} to ${d.to.toUpperCase()}.\nThe transfer's team will say what changed and what happens to the window.\n`,
      },
      o.env,
    );
  }
  if (event.type === "signoffs.stale") {
    const d = event.data as { revisionNumber: number; staleSignoffs: { role: string }[] };
    const roles = [...new Set(d.staleSignoffs.map((s) => s.role))];
    return sendMail(
      {
        to: await contactsOf(transfer.id, roles, o.db),
        subject: `${transfer.domainAscii}: the checklist changed — sign again`,
        text: `Revision ${d.revisionNumber} of the checklist for ${transfer.domainAscii} replaces the one you signed, so your sign-off no longer counts (${roles.map(label).join(", ")}).\nYou will get a new link to read and sign it.\n`,
      },
      o.env,
    );
  }
  return null;
}
