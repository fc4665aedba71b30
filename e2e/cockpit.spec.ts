/**
 * The transfer page as a cockpit: the stepper's states and next action, facts edited (logged old → new; the run and
 * the revision are then stale), and a source removed as replaced (logged once on a double click; its report still
 * opens; the stepper asks for a new run).
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { CockpitPage } from "./pages/cockpit-page";
import { seedCockpit } from "./support/seed-cockpit-call";

type Event = {
  type: string;
  changes?: { field: string; from: string; to: string }[];
  sourceId?: string;
  replacedBy?: string;
  reason?: string;
  actor: { kind: string; email?: string };
};

test("stepper, fact edit and source replacement: each step says what is stale and what to do next", async ({
  page,
  staff,
}) => {
  const tag = `cockpit-${randomBytes(3).toString("hex")}`;
  const { id, sources } = seedCockpit<{ id: string; sources: string[] }>("signing", { tag });
  const cockpit = new CockpitPage(page);
  await cockpit.goto(id);
  expect(await cockpit.states()).toEqual({
    sources: "done",
    "live-check": "done",
    findings: "done",
    schedule: "done",
    checklist: "done",
    signoffs: "needs-attention",
  });
  await expect(page.getByTestId("stepper")).toHaveAttribute("data-current", "signoffs");
  await expect(cockpit.step("signoffs").getByTestId("step-detail")).toHaveText("2/5 approved");
  await expect(page.getByTestId("next-action")).toHaveText("Follow up on sign-offs");
  await expect(page.getByTestId("next-action")).toHaveAttribute("href", `/transfers/${id}/checklist`);
  await page.screenshot({ path: "e2e/artifacts/cockpit-stepper.png", fullPage: true });

  // Facts edited: shown, logged old → new; the live check and the revision are now out of date.
  await cockpit.editFacts({ gainingRegistrar: "Newer Registrar AG" });
  await expect(page.getByTestId("facts-saved")).toHaveText(
    "Saved (logged): Gaining registrar: New Registrar Ltd → Newer Registrar AG. The checklist needs a new revision.",
  );
  await expect(page.getByTestId("fact-gaining-registrar")).toHaveText("Newer Registrar AG");
  await expect(cockpit.step("live-check")).toHaveAttribute("data-state", "stale");
  await expect(cockpit.step("live-check").getByTestId("step-detail")).toHaveText(
    "Transfer facts changed since the last live check: a new run is needed",
  );
  await expect(cockpit.step("checklist")).toHaveAttribute("data-state", "stale");
  await expect(cockpit.step("checklist").getByTestId("step-detail")).toHaveText(
    "Revision 1 is out of date: a new revision is needed",
  );
  await cockpit.step("checklist").getByTestId("step-action").click();
  await expect(page.getByTestId("outdated")).toBeVisible();
  await page.goBack();

  // Replace the registrar export by the Route 53 one (double click): it leaves the list, its report stays readable.
  await cockpit.goto(id);
  await cockpit.removeSource("registrar export", "the Route 53 export is complete", "Route 53", true);
  const removed = page.getByTestId("removed-source");
  await expect(removed).toHaveCount(1);
  await expect(removed).toContainText("registrar export — removed by E2E staff");
  await expect(removed).toContainText("replaced by Route 53: the Route 53 export is complete");
  await expect(cockpit.step("live-check").getByTestId("step-detail")).toHaveText(
    "Sources changed since the last live check: a new run is needed",
  );
  await expect(page.getByTestId("next-action")).toHaveText("Run the live check again");
  await page.screenshot({ path: "e2e/artifacts/cockpit-source-removed.png", fullPage: true });
  await removed.getByRole("link", { name: "registrar export" }).click();
  await expect(page.getByTestId("report-title")).toHaveText("Import report: registrar export");

  const events = seedCockpit<{ events: Event[] }>("audit", { transferId: id }).events;
  const updated = events.filter((e) => e.type === "transfer.updated");
  expect(updated).toHaveLength(1);
  expect(updated[0]).toMatchObject({
    changes: [{ field: "gainingRegistrar", from: "New Registrar Ltd", to: "Newer Registrar AG" }],
    actor: { kind: "staff", email: staff.email },
  });
  const sourceRemoved = events.filter((e) => e.type === "source.removed");
  expect(sourceRemoved).toHaveLength(1);
  expect(sourceRemoved[0]).toMatchObject({
    sourceId: sources[0],
    replacedBy: sources[1],
    reason: "the Route 53 export is complete",
  });
});
