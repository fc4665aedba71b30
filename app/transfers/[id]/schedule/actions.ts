"use server";

import { revalidatePath } from "next/cache";
import { actionActor, actionIssues, actionMessage } from "@/app/_lib/auth";
import { saveParty as saveTransferParty } from "@/lib/app/parties/save-party";
import { saveOperationsPlan } from "@/lib/app/schedule/operations-plan";
import { saveSchedule } from "@/lib/app/schedule/save-schedule";

export interface FormState {
  ok: boolean;
  message: string;
  issues: { path: string; message: string }[];
}

/** INVALID: the form's own message with the field issues; anything else: what actionMessage says (e.g. "No such transfer"). */
function failed(e: unknown, invalidMessage: string): FormState {
  const issues = actionIssues(e);
  return issues.length > 0
    ? { ok: false, message: invalidMessage, issues }
    : { ok: false, message: actionMessage(e), issues: [] };
}

const str = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v.trim() : "";
};

async function saveWindow(transferId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor();
  await saveSchedule(actor, {
    transferId,
    input: {
      start: str(form, "start"),
      end: str(form, "end"),
      timeZone: str(form, "timeZone"),
      holidayRegion: str(form, "holidayRegion"),
      ttlLoweringAt: str(form, "ttlLoweringAt"),
    },
  });
  revalidatePath(`/transfers/${transferId}/schedule`);
  return { ok: true, message: "Window saved", issues: [] };
}

async function saveParty(transferId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const contacts = [0, 1, 2]
    .map((i) => ({
      name: str(form, `contact${i}Name`),
      email: str(form, `contact${i}Email`),
      phone: str(form, `contact${i}Phone`),
    }))
    .filter((c) => c.name || c.email || c.phone)
    .map((c) => ({ name: c.name, ...(c.email ? { email: c.email } : {}), ...(c.phone ? { phone: c.phone } : {}) }));
  const channel = str(form, "escalationChannel");
  const target = str(form, "escalationTarget");
  const actor = await actionActor();
  await saveTransferParty(actor, {
    transferId,
    input: {
      role: str(form, "role"),
      organisation: str(form, "organisation"),
      contacts,
      escalation: channel || target ? { channel, target } : null,
      onCallConfirmed: form.get("onCallConfirmed") === "on",
      onCallBy: str(form, "onCallBy"),
    },
  });

  revalidatePath(`/transfers/${transferId}/schedule`);
  return { ok: true, message: "Saved", issues: [] };
}

async function saveOperations(transferId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const actor = await actionActor();
  await saveOperationsPlan(actor, {
    transferId,
    input: {
      monitoringPlan: str(form, "monitoringPlan"),
      monitoringBy: str(form, "monitoringBy"),
      rollbackSteps: str(form, "rollbackSteps"),
      rollbackAssumedHours: str(form, "rollbackAssumedHours"),
      oldZoneKeptUntil: str(form, "oldZoneKeptUntil"),
      dnssecPlan: str(form, "dnssecPlan"),
    },
  });

  revalidatePath(`/transfers/${transferId}/schedule`);
  return { ok: true, message: "Operations plan saved: the next live check judges it", issues: [] };
}

export async function saveOperationsPlanAction(
  transferId: string,
  prev: FormState,
  form: FormData,
): Promise<FormState> {
  try {
    return await saveOperations(transferId, prev, form);
  } catch (e) {
    return failed(e, "The operations plan was not saved");
  }
}

export async function saveWindowAction(transferId: string, prev: FormState, form: FormData): Promise<FormState> {
  try {
    return await saveWindow(transferId, prev, form);
  } catch (e) {
    return failed(e, "The window was not saved");
  }
}

export async function savePartyAction(transferId: string, prev: FormState, form: FormData): Promise<FormState> {
  try {
    return await saveParty(transferId, prev, form);
  } catch (e) {
    return failed(e, "Not saved");
  }
}
