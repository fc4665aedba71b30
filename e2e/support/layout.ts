/** Layout checks the mobile and accessibility specs share. */
import type { Page } from "@playwright/test";

export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * Visible tap targets smaller than 24 × 24 CSS px (WCAG 2.2 SC 2.5.8). Links inside running text are exempt, as the
 * criterion exempts targets in a sentence; each result names the element for the failure message.
 */
export async function smallTargets(page: Page, min = 24): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      "a[href], button, input:not([type=hidden]), select, textarea, summary",
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (el instanceof HTMLAnchorElement) {
        const parentText = el.parentElement?.textContent?.replace(/\s+/g, " ").trim() ?? "";
        const own = el.textContent?.replace(/\s+/g, " ").trim() ?? "";
        if (parentText !== own) continue; // inline in a sentence
      }
      // A checkbox or radio inside its label: the label is the target.
      const label = (el as HTMLInputElement).labels?.[0];
      const box = label && label.contains(el) ? label.getBoundingClientRect() : r;
      if (box.width < min || box.height < min)
        out.push(
          `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? el.getAttribute("name") ?? el.textContent?.trim().slice(0, 30)}] ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return out;
  }, min);
}
