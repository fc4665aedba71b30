import { expect, type Page } from "@playwright/test";

export class TransferPage {
  constructor(private readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/transfers/${id}`);
  }

  fact(testId: string) {
    return this.page.getByTestId(testId);
  }

  /** Upload files as one source through the file picker. */
  async upload(opts: { label: string; files: string[] | { name: string; mimeType: string; buffer: Buffer }[]; format?: string }) {
    await this.page.getByTestId("file-input").setInputFiles(opts.files);
    await this.page.getByTestId("source-label").fill(opts.label);
    if (opts.format) await this.page.getByTestId("source-format").selectOption(opts.format);
    await this.page.getByTestId("upload-submit").click();
  }

  async uploadAndWait(opts: { label: string; files: string[]; format?: string }) {
    await this.upload(opts);
    await expect(this.page.getByTestId("upload-done")).toContainText(`Imported “${opts.label}”`);
    await expect(this.sourceLink(opts.label)).toBeVisible();
  }

  sourceLink(label: string) {
    return this.page.getByTestId("source-link").filter({ hasText: label });
  }

  async openRecords() {
    await this.page.getByTestId("view-records").click();
    await expect(this.page.getByRole("heading", { name: "Records from all sources" })).toBeVisible();
  }

  async openReport(label: string) {
    await this.sourceLink(label).click();
    await expect(this.page.getByTestId("report-title")).toHaveText(`Import report: ${label}`);
  }
}
