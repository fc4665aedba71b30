import { expect, type Locator, type Page } from "@playwright/test";

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** One chosen file's row in the upload form: label it, or join it to another file's source. */
export interface UploadRowSpec {
  file: string;
  label?: string;
  format?: string;
  /** File name of the source's first file this one joins, with that source's label. */
  partOf?: { file: string; label: string };
}

export class TransferPage {
  constructor(private readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/transfers/${id}`);
  }

  fact(testId: string) {
    return this.page.getByTestId(testId);
  }

  /** Pick files through the file picker (they are added to the form's rows). */
  async choose(files: string[] | FilePayload[]) {
    await this.page.getByTestId("file-input").setInputFiles(files);
  }

  /** Drop files on the drop zone, as a user dragging them from the desktop would. */
  async drop(files: { name: string; text: string }[]) {
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: "text/plain" }));
      return dt;
    }, files);
    await this.page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
  }

  uploadRow(fileName: string): Locator {
    return this.page.locator(`[data-testid="upload-row"][data-file="${fileName}"]`);
  }

  async setRow(spec: UploadRowSpec) {
    const row = this.uploadRow(spec.file);
    await expect(row).toHaveCount(1);
    if (spec.partOf)
      await row
        .getByTestId("row-part-of")
        .selectOption({ label: `part of ${spec.partOf.label} (${spec.partOf.file})` });
    if (spec.label !== undefined) await row.getByTestId("row-label").fill(spec.label);
    if (spec.format) await row.getByTestId("row-format").selectOption(spec.format);
  }

  async submit() {
    await this.page.getByTestId("upload-submit").click();
  }

  uploadResults(): Locator {
    return this.page.getByTestId("upload-result");
  }

  /** Upload files as one source: the first file carries the label, the others join it. */
  async upload(opts: { label: string; files: string[] | FilePayload[]; format?: string }) {
    await this.choose(opts.files);
    const names = opts.files.map((f) => (typeof f === "string" ? f.split("/").pop()! : f.name));
    await this.setRow({ file: names[0], label: opts.label, format: opts.format });
    for (const name of names.slice(1)) await this.setRow({ file: name, partOf: { file: names[0], label: opts.label } });
    await this.submit();
  }

  async uploadAndWait(opts: { label: string; files: string[] | FilePayload[]; format?: string }) {
    await this.upload(opts);
    await expect(this.uploadResults().filter({ hasText: `Imported “${opts.label}”` })).toHaveCount(1);
    await expect(this.sourceLink(opts.label)).toBeVisible();
  }

  sourceLink(label: string) {
    return this.page.getByTestId("source-link").filter({ hasText: label });
  }

  sourceItem(label: string) {
    return this.page.getByTestId("source-item").filter({ has: this.sourceLink(label) });
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
