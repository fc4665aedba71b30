/**
 * Who wants to know that an audit entry was written (notifications, lib/app/notifications): called by the
 * store after each append. Listeners run after the current task (the writer's transaction may still be
 * committing) and must not throw into the writer: their failures are theirs.
 */
import type { AuditEvent } from "./events";

type Listener = (event: AuditEvent) => void | Promise<void>;

const holder = globalThis as unknown as { __cutoverAuditListeners?: Set<Listener> };
const listeners = (holder.__cutoverAuditListeners ??= new Set());

export function onAuditAppended(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function auditAppended(event: AuditEvent): void {
  if (listeners.size === 0) return;
  setTimeout(() => {
    for (const l of listeners)
      void Promise.resolve()
        .then(() => l(event))
        .catch(() => undefined);
  }, 0).unref?.();
}
