/**
 * A one-shot wake-up flag: `wait()` resolves at the next `notify()`, after `timeoutMs`, or when
 * the signal aborts, whichever comes first. A notify that comes while nobody waits is kept, so
 * a waiter never misses work that arrived just before it started waiting.
 */
export interface Wakeup {
  /** Wakes the current or next waiter. */
  notify(): void;
  /** Resolves at the next notify, after timeoutMs, or on abort. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

/** Creates a Wakeup. */
export function createWakeup(): Wakeup {
  let pending = false;
  let waiters: Array<() => void> = [];
  return {
    notify() {
      if (waiters.length === 0) {
        pending = true;
        return;
      }
      const current = waiters;
      waiters = [];
      for (const wake of current) wake();
    },
    wait(timeoutMs, signal) {
      if (pending || signal?.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener("abort", done, { once: true });
        waiters.push(done);
      });
    },
  };
}
