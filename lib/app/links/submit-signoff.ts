/**
 * One sign-off through a link: resolve the token (rate-limited, uniform
 * not-found), then bind the signer's decision to the digest of the revision
 * that is current now. Role and transfer come from the link, never the form.
 */
import type { RateLimiter } from "../../checklist/rate-limiter";
import { revisionDigest, type Revision } from "../../checklist/revision";
import { noGoStatement, openBlockers, signoffInputSchema, signoffSchema, type NoGoConfirmation, type Signoff } from "../../checklist/signoff";
import { resolveSignoffLink, type SignoffLink, type SignoffLinkStore } from "./signoff-token";

export interface SignoffStore {
  /** Appends; the DB implementation must not lose or duplicate concurrent appends. */
  append(signoff: Signoff): Promise<void>;
}

/** An approval of a NO-GO revision without the signer's explicit confirmation. */
export class NoGoUnconfirmedError extends Error {
  constructor(readonly openBlockers: number) {
    super(`approving a NO-GO revision (${openBlockers} open blockers) needs an explicit confirmation`);
  }
}

/** Pure: the sign-off record for `link` on `revision`. Throws NoGoUnconfirmedError for an unconfirmed NO-GO approval. */
export function createSignoff(options: { link: SignoffLink; revision: Revision; input: unknown; now: Date }): Signoff {
  const parsed = signoffInputSchema.parse(options.input);
  const { confirmNoGo, ...input } = { confirmNoGo: undefined, ...parsed };
  let noGo: NoGoConfirmation | undefined;
  if (input.decision === "approve" && options.revision.verdict.decision === "no-go") {
    const open = openBlockers(options.revision).length;
    if (confirmNoGo !== true) throw new NoGoUnconfirmedError(open);
    noGo = { confirmed: true, openBlockers: open, statement: noGoStatement(open) };
  }
  return signoffSchema.parse({
    ...input,
    ...(noGo ? { noGo } : {}),
    transferId: options.link.transferId,
    role: options.link.role,
    linkId: options.link.id,
    signerNameIs: "self-declared",
    signedAt: options.now.toISOString(),
    revisionNumber: options.revision.revisionNumber,
    revisionDigest: revisionDigest(options.revision),
  });
}

export interface SubmitSignoffOptions {
  token: string;
  input: unknown;
  /** The transfer's current revision (looked up by the caller from the link's transfer). */
  currentRevision: (transferId: string) => Promise<Revision | null>;
  links: SignoffLinkStore;
  signoffs: SignoffStore;
  now: Date;
  limiter?: RateLimiter;
  ip?: string;
}

export type SubmitSignoffResult =
  | { ok: true; signoff: Signoff; link: SignoffLink }
  | { ok: false; error: "not-found" }
  | { ok: false; error: "rate-limited"; retryAfterSeconds: number }
  | { ok: false; error: "invalid-input"; issues: { path: string; message: string }[] };

export async function submitSignoff(options: SubmitSignoffOptions): Promise<SubmitSignoffResult> {
  const resolved = await resolveSignoffLink({ token: options.token, store: options.links, now: options.now, limiter: options.limiter, ip: options.ip });
  if (!resolved.ok) return resolved;
  const parsed = signoffInputSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, error: "invalid-input", issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
  const revision = await options.currentRevision(resolved.link.transferId);
  if (revision === null) return { ok: false, error: "not-found" };
  const signoff = createSignoff({ link: resolved.link, revision, input: parsed.data, now: options.now });
  await options.signoffs.append(signoff);
  return { ok: true, signoff, link: resolved.link };
}
