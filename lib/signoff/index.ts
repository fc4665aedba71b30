// Issue 5 orchestration: schedule, revisions, links, sign-offs, finality, downloads. Framework-free.
export { SYSTEM_ACTOR, recordAudit, verifyAuditLog } from "./audit";
export { dataDir } from "./data-dir";
export { serverSigningKey, publishedKeys } from "./signing";
export { getSchedulePage, type SchedulePageData } from "./get-schedule";
export { saveSchedule, scheduleInputSchema } from "./save-schedule";
export { saveParty, partyInputSchema, type PartyInput } from "./save-party";
export { saveOperationsPlan, loadOperationsPlan, operationsPlanInputSchema } from "./operations-plan";
export { getScheduleIcs } from "./schedule-ics";
export { createChecklistRevision } from "./create-checklist-revision";
export { getChecklistPage, type ChecklistPageData } from "./get-checklist";
export { issueLink, revokeLink } from "./links";
export { getSignoffView, submitLinkSignoff, type SignoffView } from "./signoff-by-link";
export { getBundle, getFindingsCsv, findingsCsv, loadRevision } from "./exports";
