import { expect, type Locator, type Page } from "@playwright/test";

export interface StartRunSpec {
  oldServers?: string;
  newServers: string;
  allowPrivate?: boolean;
  port?: number;
  rootHints?: string;
  ratePerServer?: number;
}

/** The live checks of a transfer: start form, progress, results. Built on data-testid and roles. */
export class ChecksPage {
  constructor(private readonly page: Page) {}

  async openFromTransfer() {
    await this.page.getByTestId("live-checks").click();
    await expect(this.page.getByTestId("checks-title")).toBeVisible();
  }

  async start(spec: StartRunSpec): Promise<string> {
    await this.fillStart(spec);
    return this.submitStart();
  }

  /** Fill the start form as a user would, without starting (fields left alone keep their defaults). */
  async fillStart(spec: StartRunSpec) {
    const p = this.page;
    if (spec.oldServers !== undefined) await p.getByLabel("Old operator's servers").fill(spec.oldServers);
    await p.getByLabel("New operator's servers").fill(spec.newServers);
    await p.getByTestId("operator-options").locator("summary").click();
    if (spec.allowPrivate) await p.getByLabel("Allow private and loopback addresses (lab)").check();
    if (spec.port !== undefined) await p.getByLabel("Port").fill(String(spec.port));
    if (spec.rootHints !== undefined) await p.getByLabel("Root hints").fill(spec.rootHints);
    if (spec.ratePerServer !== undefined)
      await p.getByLabel("Queries per second per server").fill(String(spec.ratePerServer));
  }

  /** Click "Start live check"; resolves with the run's id once its page is open. */
  async submitStart(): Promise<string> {
    const p = this.page;
    await p.getByTestId("start-run").click();
    await p.waitForURL(/\/checks\/[a-z0-9]+$/);
    return new URL(p.url()).pathname.split("/").pop()!;
  }

  /** One consistent reading of the progress panel (status and counters read together). */
  async progress(): Promise<{
    status: string;
    phase: string;
    planned: number;
    sent: number;
    answered: number;
    failed: number;
    percent: string;
    eta: string | null;
  }> {
    return this.page.evaluate(() => {
      const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
      const n = (id: string) => Number(q(id)?.textContent ?? "NaN");
      return {
        status: q("run-progress")?.getAttribute("data-status") ?? "",
        phase: q("run-phase")?.textContent ?? "",
        planned: n("progress-planned"),
        sent: n("progress-sent"),
        answered: n("progress-answered"),
        failed: n("progress-failed"),
        percent: q("progress-percent")?.textContent ?? "",
        eta: q("progress-eta")?.textContent ?? null,
      };
    });
  }

  /** "about N s left" while a run is going and its pace is known. */
  eta(): Locator {
    return this.page.getByTestId("progress-eta");
  }

  verdict(): Locator {
    return this.page.getByTestId("verdict-card").getByTestId("verdict-badge");
  }

  async waitForResult(timeout = 90_000) {
    await expect(this.verdict()).toBeVisible({ timeout });
  }

  count(name: string): Locator {
    return this.page.getByTestId(`count-${name}`);
  }

  finding(check: string, subject?: string): Locator {
    const f = this.page.locator(`[data-testid="finding"][data-check="${check}"]`);
    return subject ? f.filter({ has: this.page.getByTestId("finding-summary").filter({ hasText: subject }) }) : f;
  }

  /** Opens a finding's details (a no-op when already open). */
  async expand(finding: Locator) {
    if (!(await finding.locator("details").evaluate((d) => (d as HTMLDetailsElement).open)))
      await finding.getByTestId("finding-summary").click();
    await expect(finding.getByTestId("finding-detail")).toBeVisible();
  }

  /** Waive/acknowledge one expanded finding; the decider is the signed-in account, `onBehalfOf` an optional label. */
  async setState(finding: Locator, reason: string, onBehalfOf?: string) {
    await finding.getByTestId("state-reason").fill(reason);
    if (onBehalfOf !== undefined) await finding.getByTestId("state-on-behalf-of").fill(onBehalfOf);
    await finding.locator('form button[data-testid$="-submit"]').click();
  }

  /** Tick findings for a bulk decision. */
  async select(...findings: Locator[]) {
    for (const f of findings) await f.getByTestId("finding-select").check();
  }

  /** The bulk form for the selected blockers ("blocker" waives) or warnings ("warning" acknowledges), in either view. */
  bulkForm(severity: "blocker" | "warning"): Locator {
    return this.page
      .getByTestId("findings")
      .getByTestId(severity === "blocker" ? "bulk-waive-form" : "bulk-acknowledge-form");
  }

  /** Findings grouped by subject (the default view) or by severity. */
  async view(v: "subject" | "severity") {
    await this.page.getByTestId(`view-${v}`).click();
    await expect(this.page.getByTestId("findings")).toHaveAttribute("data-view", v);
  }

  subjectGroup(name: string): Locator {
    return this.page.locator(`[data-testid="subject-group"][data-name="${name}"]`);
  }

  /** Tick a whole subject's open findings. */
  async selectGroup(name: string) {
    await this.subjectGroup(name).getByTestId("group-select").check();
  }

  async bulkDecide(severity: "blocker" | "warning", reason: string, onBehalfOf?: string) {
    const form = this.bulkForm(severity);
    await form.getByTestId("state-reason").fill(reason);
    if (onBehalfOf !== undefined) await form.getByTestId("state-on-behalf-of").fill(onBehalfOf);
    await form.locator('button[data-testid^="bulk-"]').click();
  }

  /** Undo the waiver/acknowledgement of an expanded finding. */
  async revoke(finding: Locator) {
    await finding.getByTestId("revoke-submit").click();
  }

  matrixRows(server?: string): Locator {
    const rows = this.page.getByTestId("matrix-row");
    return server ? this.page.locator(`[data-testid="matrix-row"][data-server="${server}"]`) : rows;
  }

  /** The diff panel (virtualised and paged: rows carry their index in the filtered diff). */
  diffCount(): Locator {
    return this.page.getByTestId("diff-count");
  }

  diffRows(): Locator {
    return this.page.getByTestId("diff-row");
  }

  diffRow(index: number): Locator {
    return this.page.locator(`[data-testid="diff-row"][data-index="${index}"]`);
  }

  async scrollDiffToEnd() {
    await this.page.getByTestId("diff-scroll").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  }

  /** The scrolling, paged list of a severity with more findings than its first page. */
  findingsScroll(severity: "blocker" | "warning" | "info"): Locator {
    return this.page.getByTestId(`findings-scroll-${severity}`);
  }
}
