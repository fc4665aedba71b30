/**
 * Findings worked by subject on the run page: everything wrong with one name in one group with plain titles, a
 * whole group selected and decided in one action per severity, evidence from the old and the new operator side by
 * side, each check linked to its glossary entry; the diff table with column headers and full values on expand.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { ChecksPage } from "./pages/checks-page";
import { seedCockpit } from "./support/seed-cockpit-call";

test("one subject's findings are read, selected and decided together; the glossary explains each check", async ({
  page,
  staff,
}) => {
  const tag = `subjects-${randomBytes(3).toString("hex")}`;
  const { id, runId } = seedCockpit<{ id: string; runId: string }>("subjects", { tag });
  await page.goto(`/transfers/${id}/checks/${runId}`);
  const checks = new ChecksPage(page);
  await expect(page.getByTestId("findings")).toHaveAttribute("data-view", "subject");
  const rel = `release.${tag}.test.`;
  const group = checks.subjectGroup(rel);
  // Open blockers first: the release group leads.
  await expect(page.getByTestId("subject-group").first()).toHaveAttribute("data-name", rel);
  await expect(group.getByTestId("subject-counts")).toHaveText("2 blockers, 1 warning");
  await expect(group.getByTestId("finding-title")).toHaveText([
    "delegation missing at the new operator",
    "NS missing from the export",
    "TTL differs",
  ]);
  await expect(group.getByTestId("finding")).toHaveCount(3);

  // Evidence: the old and the new operator's answers side by side; the export's absence under files and facts.
  const cut = checks.finding("DEL-SUBZONE-CUT");
  await checks.expand(cut);
  await expect(cut.getByTestId("evidence-old")).toContainText(`${rel} 3600 IN NS ns-101.awsdns-12.com.`);
  await expect(cut.getByTestId("evidence-new")).toContainText(`${rel}: NXDOMAIN (no delegation)`);
  const incomplete = checks.finding("INV-EXPORT-INCOMPLETE");
  await checks.expand(incomplete);
  await expect(incomplete.getByTestId("evidence-new")).toContainText("No answer from this side is cited.");
  await expect(incomplete.getByTestId("evidence-other")).toContainText("registrar.zone: no record for this name");
  await group.screenshot({ path: "e2e/artifacts/findings-by-subject.png" });

  // The whole group in one go: both blockers waived with one reason, the warning acknowledged with another.
  await checks.selectGroup(rel);
  await expect(checks.bulkForm("blocker").getByTestId("bulk-count")).toHaveText("2 selected");
  await expect(checks.bulkForm("warning").getByTestId("bulk-count")).toHaveText("1 selected");
  await page.screenshot({ path: "e2e/artifacts/findings-group-selected.png", fullPage: true });
  await checks.bulkDecide("blocker", "the delegation is added at cut-over");
  await expect(group.locator('[data-testid="finding"][data-severity="blocker"][data-state="waived"]')).toHaveCount(2);
  await checks.bulkDecide("warning", "TTL raised after the move");
  await expect(group.locator('[data-testid="finding"][data-severity="warning"]')).toHaveAttribute(
    "data-state",
    "acknowledged",
  );
  await expect(group.getByTestId("group-select")).toHaveCount(0);
  await expect(checks.finding("INV-TTL-DIFFERS").getByTestId("finding-state")).toHaveText(
    `acknowledged by E2E staff <${staff.email}>: TTL raised after the move`,
  );
  // Undo still works in the grouped view.
  await checks.expand(cut);
  await checks.revoke(cut);
  await expect(cut).toHaveAttribute("data-state", "open");

  // The severity view is still there.
  await checks.view("severity");
  await expect(page.getByTestId("findings-blocker").getByTestId("finding")).toHaveCount(2);
  await checks.view("subject");

  // The glossary: linked from each finding, an anchor per id, what it means and how to fix it.
  await checks.expand(cut);
  await cut.getByTestId("glossary-link").click();
  await expect(page).toHaveURL(/\/glossary#check-DEL-SUBZONE-CUT$/);
  const entry = page.locator("#check-DEL-SUBZONE-CUT");
  await expect(entry).toBeInViewport();
  await expect(entry.getByTestId("glossary-problem")).toHaveText("delegation missing at the new operator");
  await expect(entry.getByTestId("glossary-fix")).toContainText("Add the subzone's NS");
  expect(await page.getByTestId("glossary-entry").count()).toBeGreaterThanOrEqual(72);
  await page.screenshot({ path: "e2e/artifacts/glossary.png" });
});

test("the diff table has column headers, expands a row to its full values and is reachable by keyboard", async ({
  page,
}) => {
  const tag = `diff-${randomBytes(3).toString("hex")}`;
  const { id, runId } = seedCockpit<{ id: string; runId: string }>("subjects", { tag });
  await page.goto(`/transfers/${id}/checks/${runId}`);
  await expect(page.getByTestId("diff-header").getByRole("columnheader")).toHaveText([
    "Difference",
    "Name",
    "Type",
    "Reference side",
    "Compared side",
  ]);
  const scroller = page.getByTestId("diff-scroll");
  await expect(scroller).toHaveAttribute("tabindex", "0");
  await expect(scroller).toHaveAccessibleName("Differences (scrollable)");
  const txt = page.locator('[data-testid="diff-row"][data-kind="rdata"]');
  await expect(txt).toHaveAttribute("data-expanded", "no");
  // Keyboard: from the focused scroller, Tab reaches the first row's toggle and Enter expands it.
  await scroller.focus();
  await page.keyboard.press("Tab");
  await expect(txt.getByTestId("diff-expand")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(txt).toHaveAttribute("data-expanded", "yes");
  await expect(txt.getByTestId("diff-expand")).toHaveAttribute("aria-expanded", "true");
  await expect(txt.getByTestId("diff-full-here")).toContainText("include:_spf11.mail-provider.example -all");
  await expect(txt.getByTestId("diff-full-there")).toContainText("include:_spf11.mail-provider.example ~all");
  await expect(txt.getByTestId("diff-full-here")).toContainText("old operator · TTL 3600");
  await expect(txt.getByTestId("diff-full-there")).toContainText("new operator · TTL 300");
  // The next row moved down instead of being overlapped by the expanded one.
  const [a, b] = await Promise.all([
    txt.boundingBox(),
    page.locator('[data-testid="diff-row"][data-kind="missing"]').boundingBox(),
  ]);
  expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
  await page.getByTestId("diff-card").screenshot({ path: "e2e/artifacts/diff-expanded.png" });
});
