// Reads another process's memory and CPU from /proc, so the server is measured from outside
// and the measuring costs it nothing.

import { readFileSync, writeFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS = 100;

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory now, in bytes. */
export function rssBytes(pid: number): number | undefined {
  const kb = statusKb(pid, "VmRSS");
  return kb === undefined ? undefined : kb * 1024;
}

/** The kernel's peak resident memory (since start or the last resetPeak), in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  const kb = statusKb(pid, "VmHWM");
  return kb === undefined ? undefined : kb * 1024;
}

/** Resets the kernel's peak (VmHWM) to the current RSS; false where the kernel refuses. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** User plus system CPU seconds the process has used. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

/** Peak memory of a process over a span: sampled VmRSS and the kernel's VmHWM. */
export interface RssWatch {
  /** Stops sampling; returns the highest RSS seen (bytes), the larger of samples and VmHWM. */
  stop(): { peakBytes: number; sampledPeakBytes: number; lastBytes: number };
}

/**
 * Samples VmRSS every `everyMs` until stopped. With `reset`, VmHWM is reset first, so the peak
 * is that of the span; without, it counts from the process's start.
 */
export function watchRss(pid: number, reset: boolean, everyMs = 100): RssWatch {
  if (reset) resetPeak(pid);
  let sampled = rssBytes(pid) ?? 0;
  let last = sampled;
  const timer = setInterval(() => {
    const now = rssBytes(pid);
    if (now === undefined) return;
    last = now;
    if (now > sampled) sampled = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = rssBytes(pid);
      if (now !== undefined) last = now;
      const hwm = peakRssBytes(pid) ?? 0;
      return {
        peakBytes: Math.max(sampled, hwm, last),
        sampledPeakBytes: sampled,
        lastBytes: last,
      };
    },
  };
}

/** CPU used by a process between `start()` and `stop()`, as a fraction of one core. */
export function watchCpu(pid: number): { stop(): number | undefined } {
  const t0 = performance.now();
  const c0 = cpuSeconds(pid);
  return {
    stop() {
      const c1 = cpuSeconds(pid);
      const seconds = (performance.now() - t0) / 1000;
      if (c0 === undefined || c1 === undefined || seconds <= 0) return undefined;
      return (c1 - c0) / seconds;
    },
  };
}
