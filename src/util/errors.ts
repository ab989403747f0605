/** Turns whatever was thrown into an Error, so every catch can use it safely. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === "string") return new Error(thrown);
  try {
    return new Error(JSON.stringify(thrown));
  } catch {
    return new Error(String(thrown));
  }
}

/** True when the error is the one an aborted AbortSignal produces. */
export function isAbortError(thrown: unknown): boolean {
  return (
    thrown instanceof Error && (thrown.name === "AbortError" || thrown.name === "TimeoutError")
  );
}
