/**
 * A domain owner signs on a phone: at 390 × 844 the sign page, the checklist and the transfer page fit the width
 * (no sideways scrolling; tables become stacked cards) and every tap target is at least 24 px.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { scrollWidth, smallTargets } from "./support/layout";
import { seedCockpit } from "./support/seed-cockpit-call";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("sign page, checklist and transfer page at 390 px: no sideways scrolling, tap targets ≥ 24 px", async ({
  page,
}) => {
  const tag = `mobile-${randomBytes(3).toString("hex")}`;
  const { id, signUrlPath } = seedCockpit<{ id: string; signUrlPath: string }>("signing", { tag });
  const pages: [string, string, string][] = [
    ["transfer", `/transfers/${id}`, "stepper"],
    ["checklist", `/transfers/${id}/checklist`, "current-revision"],
    ["sign", signUrlPath, "sign-role"],
  ];
  for (const [name, path, testId] of pages) {
    await page.goto(path);
    await expect(page.getByTestId(testId)).toBeVisible();
    // Open every disclosure so hidden forms are measured too.
    for (const d of await page.locator("details:not([open]) > summary").all()) if (await d.isVisible()) await d.click();
    expect.soft(await scrollWidth(page), `${name} page scrolls sideways`).toBeLessThanOrEqual(390);
    expect.soft(await smallTargets(page), `${name} page has tap targets under 24 px`).toEqual([]);
    await page.screenshot({ path: `e2e/artifacts/mobile-${name}.png`, fullPage: true });
  }
});
