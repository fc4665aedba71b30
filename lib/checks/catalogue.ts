/** The whole catalogue, in family order (DESIGN §6). Ids are stable: add, never rename. */
import { DEL_CHECKS } from "./del";
import { INV_CHECKS } from "./inv";
import { OPS_CHECKS } from "./ops";
import { PRV_CHECKS } from "./prv";
import { REG_CHECKS } from "./reg";
import { SEC_CHECKS } from "./sec";
import { SVC_CHECKS } from "./svc";
import { TIM_CHECKS } from "./tim";
import type { CheckDef } from "./types";

export const CATALOGUE: readonly CheckDef[] = [
  ...DEL_CHECKS,
  ...INV_CHECKS,
  ...PRV_CHECKS,
  ...SEC_CHECKS,
  ...TIM_CHECKS,
  ...SVC_CHECKS,
  ...REG_CHECKS,
  ...OPS_CHECKS,
];

export const CHECK_IDS: readonly string[] = CATALOGUE.map((c) => c.id);
