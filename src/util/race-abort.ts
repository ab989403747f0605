/** What raceAbort resolves with when the signal aborts first. */
export interface Aborted {
  readonly kind: "stopped";
}

/**
 * The first of `events` to settle, or `{ kind: "stopped" }` once `signal` aborts, whichever
 * comes first. It leaves nothing behind on the signal. (Racing a promise that lives as long
 * as a stream, instead, adds a reaction to that promise on every call, and each reaction keeps
 * its race's result alive until the stream ends: a whole request per item.)
 */
export function raceAbort<T>(
  events: readonly Promise<T>[],
  signal: AbortSignal,
): Promise<T | Aborted> {
  if (signal.aborted) return Promise.resolve({ kind: "stopped" });
  return new Promise<T | Aborted>((resolve, reject) => {
    const onAbort = () => resolve({ kind: "stopped" });
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    for (const event of events) {
      event.then(
        (value) => {
          done();
          resolve(value);
        },
        (err: unknown) => {
          done();
          reject(err);
        },
      );
    }
  });
}
