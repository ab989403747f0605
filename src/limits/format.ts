/** A rate for log lines and reasons: "12.5/s", or "none" for no limit. */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? `${Math.round(rate * 10) / 10}/s` : "none";
}

/** A time for log lines and reasons: ISO 8601, or "unknown". */
export function formatTime(ms: number | undefined): string {
  return ms === undefined ? "unknown" : new Date(ms).toISOString();
}
