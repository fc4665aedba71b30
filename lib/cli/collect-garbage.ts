/**
 * A full garbage collection on request, for commands that finish with one
 * large input before reading the next (zone diff: the first file's parsed
 * records must be gone before the second file is parsed, or V8's heap
 * growth heuristics let both be resident at once and peak memory doubles).
 * `gc` is exposed through the documented V8 flag, in a throwaway context;
 * where that is not possible this is a no-op.
 */
import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      if (typeof globalThis.gc === "function") gc = globalThis.gc as () => void;
      else {
        v8.setFlagsFromString("--expose-gc");
        gc = vm.runInNewContext("gc") as () => void;
      }
    } catch {
      gc = null;
    }
  }
  gc?.();
}
