import { NextResponse } from "next/server";
import { importSource } from "@/lib/transfer";
import { MAX_FILES_PER_SOURCE, maxFileBytes, formatBytes } from "@/lib/transfer/upload-limits";

export const dynamic = "force-dynamic";

/** POST multipart: label, format, files[] -> one Source. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const limit = maxFileBytes();
  // Refuse obviously oversized bodies before buffering them.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit * MAX_FILES_PER_SOURCE + 1024 * 1024) {
    return NextResponse.json({ errors: { files: `Upload too large: the limit is ${formatBytes(limit)} per file.` } }, { status: 413 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return NextResponse.json({ errors: { form: "Expected a multipart form upload" } }, { status: 400 });
  }
  const files = [];
  for (const entry of form.getAll("files")) {
    if (typeof entry === "string") continue;
    if (entry.size > limit) {
      return NextResponse.json({ errors: { files: `${entry.name} is ${formatBytes(entry.size)}; the limit is ${formatBytes(limit)} per file.` } }, { status: 413 });
    }
    files.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  const result = await importSource({
    transferId: id,
    input: { label: form.get("label") ?? undefined, format: form.get("format") || undefined },
    files,
    maxBytes: limit,
  });
  if (!result.ok) return NextResponse.json({ errors: result.errors }, { status: result.status });
  return NextResponse.json({ source: result.source }, { status: 201 });
}
