/** REG: registration status from RDAP (DESIGN §6); offline → manual evidence. */
import type { CheckDef, EvidenceRef } from "./types";
import type { RdapData } from "./rdap";

const DAY = 86_400_000;
/** ICANN Transfer Policy I.A.3.7: a 60-day lock after registration or an inter-registrar transfer. */
const TRANSFER_LOCK_DAYS = 60;

/** RDAP status values (RFC 8056 §2 mapping of EPP statuses) that stop or endanger a transfer. */
const STOPPING: Record<string, string> = {
  "client transfer prohibited":
    "the registrar lock is on (clientTransferProhibited): the transfer is rejected until it is removed",
  "server transfer prohibited": "the registry forbids transfers (serverTransferProhibited)",
  "pending delete": "the domain is about to be deleted",
  "redemption period": "the domain expired and is in redemption: it must be restored first",
  "pending transfer": "a transfer is already pending",
  "client hold": "the domain is on hold (not published in DNS)",
  "server hold": "the registry holds the domain (not published in DNS)",
  "pending restore": "a restore is pending",
};

const rdapEvidence = (r: RdapData): EvidenceRef[] => [
  {
    kind: "rdap",
    text: `${r.url}: status [${r.status.join(", ")}], registrar ${r.registrar ?? "?"}, expires ${r.expiresAt ?? "?"}, nameservers ${r.nameservers.join(" ")}`,
  },
];

const manual: CheckDef = {
  id: "REG-MANUAL-EVIDENCE",
  family: "REG",
  severity: "warning",
  title: "Registration status available",
  run(i, emit) {
    if (i.rdap?.ok) return;
    emit({
      subject: i.zone,
      message: i.rdap
        ? `RDAP lookup failed (${i.rdap.url}: ${i.rdap.error}): registration status, locks and expiry are unverified.`
        : "No RDAP lookup was made (offline or no RDAP server configured): registration status, locks and expiry are unverified.",
      remediation:
        "Attach the registrar's status page (EPP status codes, expiry date, last transfer) as manual evidence and acknowledge.",
      evidence: i.rdap ? [{ kind: "rdap", text: `${i.rdap.url}: ${i.rdap.error}` }] : [],
    });
  },
};

const status: CheckDef = {
  id: "REG-STATUS",
  family: "REG",
  severity: "blocker",
  title: "No status blocks the transfer",
  run(i, emit) {
    if (!i.rdap?.ok) return;
    for (const s of i.rdap.status) {
      const why = STOPPING[s.toLowerCase()];
      if (why)
        emit({
          subject: `${i.zone} status "${s}"`,
          message: `RDAP status "${s}": ${why}.`,
          remediation: "Have the registrant/registrar clear this status before the transfer.",
          evidence: rdapEvidence(i.rdap),
        });
    }
  },
};

const expiry: CheckDef = {
  id: "REG-EXPIRY",
  family: "REG",
  severity: "blocker",
  title: "The domain does not expire before the window",
  run(i, emit) {
    if (!i.rdap?.ok || !i.rdap.expiresAt) return;
    const exp = Date.parse(i.rdap.expiresAt);
    const end = i.facts.window ? Date.parse(i.facts.window.end) : i.now.getTime();
    if (exp <= end)
      emit({
        subject: i.zone,
        message: `The registration expires ${i.rdap.expiresAt}, before the window ends.`,
        remediation: "Renew before the transfer.",
        evidence: rdapEvidence(i.rdap),
      });
    else if (exp - end < 30 * DAY)
      emit({
        severity: "warning",
        subject: i.zone,
        message: `The registration expires ${i.rdap.expiresAt}, within 30 days of the window.`,
        remediation: "Renew first, or check the gaining registrar adds the year on transfer.",
        evidence: rdapEvidence(i.rdap),
      });
  },
};

const recent: CheckDef = {
  id: "REG-TRANSFER-LOCK",
  family: "REG",
  severity: "blocker",
  title: "No 60-day lock after registration or transfer",
  run(i, emit) {
    if (!i.rdap?.ok) return;
    const when = i.facts.window ? Date.parse(i.facts.window.start) : i.now.getTime();
    for (const [what, at] of [
      ["registered", i.rdap.registeredAt],
      ["last transferred", i.rdap.lastTransferAt],
    ] as const) {
      if (!at) continue;
      const days = (when - Date.parse(at)) / DAY;
      if (days >= 0 && days < TRANSFER_LOCK_DAYS)
        emit({
          subject: i.zone,
          message: `The domain was ${what} ${at}, ${Math.floor(days)} days before the planned transfer: registrars refuse transfers within ${TRANSFER_LOCK_DAYS} days.`,
          remediation: `Plan the transfer after ${new Date(Date.parse(at) + TRANSFER_LOCK_DAYS * DAY).toISOString().slice(0, 10)}.`,
          evidence: rdapEvidence(i.rdap),
        });
    }
  },
};

const registrar: CheckDef = {
  id: "REG-REGISTRAR",
  family: "REG",
  severity: "warning",
  title: "Registrar matches the declared losing registrar",
  run(i, emit) {
    if (!i.rdap?.ok || !i.facts.losingRegistrar || !i.rdap.registrar) return;
    if (i.rdap.registrar.toLowerCase().includes(i.facts.losingRegistrar.toLowerCase())) return;
    emit({
      subject: i.zone,
      message: `RDAP names the registrar "${i.rdap.registrar}", the transfer declares "${i.facts.losingRegistrar}".`,
      remediation: "Correct the transfer's losing registrar, or find out who really holds the domain.",
      evidence: rdapEvidence(i.rdap),
    });
  },
};

const nameservers: CheckDef = {
  id: "REG-NAMESERVERS",
  family: "REG",
  severity: "warning",
  title: "RDAP nameservers equal the parent referral",
  run(i, emit) {
    const pc = i.diff.parentChild;
    if (!i.rdap?.ok || !pc || i.rdap.nameservers.length === 0) return;
    if (i.rdap.nameservers.join(" ") === pc.parentNs.join(" ")) return;
    emit({
      subject: i.zone,
      message: `RDAP lists nameservers {${i.rdap.nameservers.join(", ")}} but the parent refers to {${pc.parentNs.join(", ")}}.`,
      remediation: "Find out which is current; a pending registry update may be in flight.",
      evidence: [...rdapEvidence(i.rdap), ...pc.evidence.slice(0, 4)],
    });
  },
};

export const REG_CHECKS: CheckDef[] = [manual, status, expiry, recent, registrar, nameservers];
