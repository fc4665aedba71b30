/**
 * CPU time per thread of this process, for the benchmark's Node workers:
 * process.cpuUsage() sums every thread, and on a run of a few tens of
 * thousands of queries V8's background threads (optimising compiler,
 * parallel GC) are a sizeable part of it. Splitting the main thread's user
 * and system time from the background threads' tells JavaScript work,
 * kernel (socket) work and compilation/GC apart. Linux only (/proc); null
 * elsewhere. Granularity is the kernel's clock tick (usually 10 ms).
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ThreadCpu {
  /** Main thread, user and system, µs. */
  mainUserUs: number;
  mainSysUs: number;
  /** All other threads (V8 platform workers, libuv pool), user + system, µs. */
  otherUs: number;
}

type Sample = Map<string, { user: number; sys: number }>;

const TICK_US = 10_000; // USER_HZ is 100 on every Linux ABI Node supports

function sample(): Sample | null {
  const out: Sample = new Map();
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return null;
  }
  for (const t of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, "utf8");
      // Fields after the command name (which may hold spaces), proc(5): utime and stime are fields 14 and 15.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(t, { user: Number(rest[11]) * TICK_US, sys: Number(rest[12]) * TICK_US });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** Start a measurement; the returned function gives the CPU used since, per kind of thread. */
export function threadCpu(): () => ThreadCpu | null {
  const before = sample();
  return () => {
    const after = sample();
    if (!before || !after) return null;
    const r: ThreadCpu = { mainUserUs: 0, mainSysUs: 0, otherUs: 0 };
    for (const [t, a] of after) {
      const b = before.get(t) ?? { user: 0, sys: 0 };
      if (t === String(process.pid)) {
        r.mainUserUs += a.user - b.user;
        r.mainSysUs += a.sys - b.sys;
      } else r.otherUs += a.user - b.user + a.sys - b.sys;
    }
    return r;
  };
}
