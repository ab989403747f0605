// Small statistics helpers for the scenarios.

/** The q-quantile (0..1) of the values by nearest rank; undefined when there are none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of the values. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid]
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The largest sum of `weight` over events in any window [t, t + ms), events sorted by time. */
export function busiestWindow(
  events: readonly { readonly at: number; readonly weight: number }[],
  ms: number,
): number {
  let best = 0;
  let sum = 0;
  let start = 0;
  for (const last of events) {
    sum += last.weight;
    while (start < events.length) {
      const first = events[start] as { at: number; weight: number };
      if (first.at > last.at - ms) break;
      sum -= first.weight;
      start++;
    }
    if (sum > best) best = sum;
  }
  return best;
}

/** `a / b`, or undefined when either is missing or b is zero. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}
