import { describe, expect, test } from "vitest";
import type { PartyRow } from "../../db/checklist-schedule";
import { currentOwnerAnswers, mergeOwnerAnswers } from "./merge-owner-answers";

const staff: PartyRow = {
  role: "domain-owner",
  organisation: "Owner Holdings",
  escalationChannel: "phone",
  escalationTarget: "+49 30 1234567",
  onCallConfirmed: true,
  onCallBy: "Kim",
  onCallAt: new Date("2026-11-01T00:00:00Z"),
  updatedAt: new Date("2026-11-01T00:00:00Z"),
  contacts: [
    { name: "Kim Owner", email: "kim@owner.test", phone: null },
    { name: "Lee Ops", email: null, phone: "+49 30 999" },
  ],
};

describe("mergeOwnerAnswers", () => {
  test("keeps staff's escalation and contacts; a matching contact is updated, blanks keep the stored value", () => {
    const merged = mergeOwnerAnswers(staff, {
      organisation: "Owner Holdings",
      contacts: [{ name: "kim owner", phone: "+49 30 555" }],
      onCallConfirmed: false,
    });
    expect(merged.escalation).toEqual({ channel: "phone", target: "+49 30 1234567" });
    expect(merged.contacts).toEqual([
      { name: "kim owner", email: "kim@owner.test", phone: "+49 30 555" },
      { name: "Lee Ops", phone: "+49 30 999" },
    ]);
    // The unticked box does not withdraw staff's on-call confirmation.
    expect(merged).toMatchObject({ onCallConfirmed: true, onCallBy: "Kim" });
  });

  test("a new person is added beside staff's contacts; the same e-mail under another name is the same person", () => {
    const added = mergeOwnerAnswers(staff, {
      organisation: "Owner Ltd",
      contacts: [{ name: "Mia", email: "mia@owner.test" }],
      onCallConfirmed: true,
      onCallBy: "Mia",
    });
    expect(added.contacts.map((c) => c.name)).toEqual(["Kim Owner", "Lee Ops", "Mia"]);
    expect(added).toMatchObject({ organisation: "Owner Ltd", onCallConfirmed: true, onCallBy: "Mia" });
    const renamed = mergeOwnerAnswers(staff, {
      organisation: "Owner Ltd",
      contacts: [{ name: "Kimberly Owner", email: "KIM@owner.test" }],
      onCallConfirmed: false,
    });
    expect(renamed.contacts[0]).toEqual({ name: "Kimberly Owner", email: "KIM@owner.test" });
    expect(renamed.contacts).toHaveLength(2);
  });

  test("without a stored party the answers are the party, with no escalation", () => {
    expect(
      mergeOwnerAnswers(null, { organisation: "Owner Ltd", contacts: [{ name: "Mia" }], onCallConfirmed: false }),
    ).toEqual({
      role: "domain-owner",
      organisation: "Owner Ltd",
      contacts: [{ name: "Mia" }],
      escalation: null,
      onCallConfirmed: false,
      onCallBy: undefined,
    });
  });

  test("the invite form is prefilled from the stored party", () => {
    expect(currentOwnerAnswers(staff)).toEqual({
      organisation: "Owner Holdings",
      contact: { name: "Kim Owner", email: "kim@owner.test", phone: "" },
      onCallConfirmed: true,
      onCallBy: "Kim",
    });
    expect(currentOwnerAnswers(null).organisation).toBe("");
  });
});
