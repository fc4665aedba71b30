/**
 * Who decided, as pages and documents print it: the account
 * (its name at the time and e-mail); a typed on-behalf-of labelled as
 * self-declared; decisions from before accounts were bound show their typed name as such.
 */
export function deciderText(s: { by: string; account?: { name: string; email: string }; onBehalfOf?: string }): string {
  const who = s.account ? `${s.account.name} <${s.account.email}>` : `${s.by} (typed name, not bound to an account)`;
  return s.onBehalfOf ? `${who} on behalf of ${s.onBehalfOf} (self-declared)` : who;
}
