import { describe, expect, it } from "vitest";
import { parseUploadForm } from "./upload-request";
import type { UploadLimits } from "../../config/upload-limits";
import { uploadLimits } from "../../config/upload-limits";

const limits: UploadLimits = { maxFileBytes: 1024, maxTotalBytes: 2048, maxFiles: 4, maxFilesPerSource: 3 };

function form(files: [string, number][], manifest?: unknown, extra: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [name, size] of files) f.append("files", new File([new Uint8Array(size)], name));
  if (manifest !== undefined) f.set("manifest", typeof manifest === "string" ? manifest : JSON.stringify(manifest));
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  return f;
}

describe("parseUploadForm", () => {
  it("groups files into labelled sources in the order of their first file", () => {
    const r = parseUploadForm(
      form(
        [
          ["r53-page1.json", 10],
          ["export.zone", 10],
          ["r53-page2.json", 10],
          ["sub.inc", 10],
        ],
        [
          { label: " Route 53 ", format: "route53", partOf: null },
          { label: "registrar export", partOf: null },
          { label: "ignored for attached files", partOf: 0 },
          { partOf: 1 },
        ],
      ),
      limits,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.groups).toEqual([
      { label: "Route 53", format: "route53", files: [0, 2] },
      { label: "registrar export", format: "auto", files: [1, 3] },
    ]);
    expect(r.files.map((f) => f.name)).toEqual(["r53-page1.json", "export.zone", "r53-page2.json", "sub.inc"]);
  });

  it("without a manifest, makes all files one source with the form's label and format", () => {
    const r = parseUploadForm(
      form(
        [
          ["a.zone", 1],
          ["b.zone", 1],
        ],
        undefined,
        { label: "registrar export", format: "bind" },
      ),
      limits,
    );
    expect(r).toMatchObject({ ok: true, groups: [{ label: "registrar export", format: "bind", files: [0, 1] }] });
  });

  it("refuses an oversized file with 413 and the per-file message", () => {
    const r = parseUploadForm(
      form(
        [
          ["ok.zone", 10],
          ["huge.zone", 1536],
        ],
        [{ label: "a" }, { label: "b" }],
      ),
      limits,
    );
    expect(r).toEqual({
      ok: false,
      status: 413,
      errors: { "files.1": "huge.zone is 1.5 KiB; the limit is 1.0 KiB per file." },
    });
  });

  it("refuses uploads over the total limit with 413", () => {
    const r = parseUploadForm(
      form(
        [
          ["a", 1000],
          ["b", 1000],
          ["c", 1000],
        ],
        [{ label: "a" }, { label: "b" }, { label: "c" }],
      ),
      limits,
    );
    expect(r).toEqual({
      ok: false,
      status: 413,
      errors: { files: "The files add up to 2.9 KiB; the limit is 2.0 KiB per upload." },
    });
  });

  it("limits the number of files per upload and per source", () => {
    const five = form(
      [
        ["1", 1],
        ["2", 1],
        ["3", 1],
        ["4", 1],
        ["5", 1],
      ],
      [{ label: "x" }, { partOf: 0 }, { partOf: 0 }, { partOf: 0 }, { partOf: 0 }],
    );
    expect(parseUploadForm(five, limits)).toMatchObject({
      ok: false,
      status: 422,
      errors: { files: "At most 4 files per upload" },
    });
    const four = form(
      [
        ["1", 1],
        ["2", 1],
        ["3", 1],
        ["4", 1],
      ],
      [{ label: "x" }, { partOf: 0 }, { partOf: 0 }, { partOf: 0 }],
    );
    expect(parseUploadForm(four, limits)).toEqual({
      ok: false,
      status: 422,
      errors: { "entries.0.partOf": "1's source has 4 files; at most 3 per source" },
    });
  });

  it("requires a label on each source's first file and bounds its length", () => {
    const r = parseUploadForm(
      form(
        [
          ["a.zone", 1],
          ["b.zone", 1],
        ],
        [{ label: "  " }, { label: "x".repeat(101) }],
      ),
      limits,
    );
    expect(r).toEqual({
      ok: false,
      status: 422,
      errors: {
        "entries.0.label": "Label is required (a.zone)",
        "entries.1.label": "Label is too long (100 characters at most)",
      },
    });
  });

  it("rejects unknown formats and broken part-of references", () => {
    const r = parseUploadForm(
      form(
        [
          ["a", 1],
          ["b", 1],
          ["c", 1],
          ["d", 1],
        ],
        [{ label: "a", format: "zip" }, { partOf: 1 }, { partOf: 1 }, { partOf: 9 }],
      ),
      limits,
    );
    expect(r).toMatchObject({
      ok: false,
      status: 422,
      errors: {
        "entries.0.format": expect.stringContaining("Format must be one of auto, bind, cloudflare"),
      },
    });
    const refs = parseUploadForm(
      form(
        [
          ["a", 1],
          ["b", 1],
          ["c", 1],
          ["d", 1],
        ],
        [{ label: "a" }, { partOf: 1 }, { partOf: 1 }, { partOf: 9 }],
      ),
      limits,
    );
    expect(refs).toEqual({
      ok: false,
      status: 422,
      errors: {
        "entries.1.partOf": "b cannot be part of itself",
        "entries.2.partOf": "c is part of b, which is itself part of another source",
        "entries.3.partOf": "d is part of file #10, which is not in this upload",
      },
    });
  });

  it("explains a manifest that does not match the files", () => {
    expect(parseUploadForm(form([["a", 1]], "{not json"), limits)).toEqual({
      ok: false,
      status: 422,
      errors: { manifest: "The manifest is not valid JSON" },
    });
    expect(parseUploadForm(form([["a", 1]], [{ label: "a" }, { label: "b" }]), limits)).toEqual({
      ok: false,
      status: 422,
      errors: { manifest: "The manifest describes 2 file(s) but 1 were sent" },
    });
    expect(parseUploadForm(form([["a", 1]], { label: "a" }), limits)).toMatchObject({
      ok: false,
      status: 422,
      errors: { entries: "The manifest must be a list with one entry per file" },
    });
    expect(parseUploadForm(form([], []), limits)).toMatchObject({
      ok: false,
      status: 422,
      errors: { files: "Choose at least one file to import" },
    });
  });
});

describe("uploadLimits", () => {
  it("reads per-file and total limits from the environment, total never below one file", () => {
    expect(uploadLimits({})).toEqual({
      maxFileBytes: 50 * 1024 * 1024,
      maxTotalBytes: 200 * 1024 * 1024,
      maxFiles: 50,
      maxFilesPerSource: 20,
    });
    expect(uploadLimits({ CUTOVER_MAX_UPLOAD_MB: "1", CUTOVER_MAX_UPLOAD_TOTAL_MB: "3" })).toMatchObject({
      maxFileBytes: 1024 * 1024,
      maxTotalBytes: 3 * 1024 * 1024,
    });
    expect(uploadLimits({ CUTOVER_MAX_UPLOAD_MB: "10", CUTOVER_MAX_UPLOAD_TOTAL_MB: "2" }).maxTotalBytes).toBe(
      10 * 1024 * 1024,
    );
    expect(uploadLimits({ CUTOVER_MAX_UPLOAD_MB: "nope" }).maxFileBytes).toBe(50 * 1024 * 1024);
  });
});
