/** The multipart form of dropped exports: `files` repeated and, for the import, `assignments` as JSON. */
import { AppError } from "../../errors/app-error";
import type { DroppedFile } from "./import-files";

export async function droppedFiles(form: FormData): Promise<DroppedFile[]> {
  const files = form.getAll("files").filter((e): e is File => typeof e !== "string");
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export function droppedAssignments(form: FormData): unknown {
  const a = form.get("assignments");
  if (typeof a !== "string") throw new AppError("INVALID", "assignments must be a JSON text field");
  try {
    return JSON.parse(a);
  } catch {
    throw new AppError("INVALID", "assignments is not valid JSON");
  }
}
